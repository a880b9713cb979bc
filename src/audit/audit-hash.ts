import { createHash } from 'node:crypto';

/** The prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one audit row, exactly as it reads back from the database. */
export interface AuditHashInput {
  at: Date;
  actorUserId: string | null;
  actor: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/**
 * SHA-256 (hex) over the row's content and the previous row's hash. The serialisation is canonical
 * (object keys sorted at every depth) because jsonb stores keys in its own order, so `before`/`after`
 * read back with keys reordered must hash the same as what was written.
 */
export function auditHash(prevHash: string, row: AuditHashInput): string {
  const content = canonicalJson({
    prevHash,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actor: row.actor,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    before: toJsonValue(row.before),
    after: toJsonValue(row.after),
    ip: row.ip,
  });
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * The value as jsonb will hold it: what JSON.stringify keeps (dates as strings, no undefined members,
 * NaN as null), with undefined itself as null (SQL NULL reads back as null).
 */
export function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

// Built as a string rather than a key-sorted object so a "__proto__" key stays an ordinary key.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
