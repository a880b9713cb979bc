import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { auditLog } from '../db/schema/audit-log.js';
import type { AuditEntry } from './audit-entry.js';
import { auditHash, GENESIS_HASH, toJsonValue } from './audit-hash.js';

type DbTransaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * An open transaction. `rollback` is required only so that the plain database does not type-check:
 * outside a transaction the advisory lock would be released before the insert and two writers could
 * chain onto the same row.
 */
export type AuditWriter = Pick<DbTransaction, 'select' | 'insert' | 'execute' | 'rollback'>;

// Arbitrary; no other advisory lock in this database may use it.
const AUDIT_LOCK_KEY = 7_368_037_263_457_345;

/**
 * Appends one entry inside the caller's transaction, so the entry commits or rolls back with the change
 * it records. Writers are serialised on a transaction-level advisory lock held until the caller
 * commits: keep auditing transactions short. Needs READ COMMITTED (Postgres's default); under a
 * snapshot isolation level the last row read could be stale and the chain would fork.
 */
export async function appendAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  const locked = await tx.execute<{ isolation: string }>(
    sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint), current_setting('transaction_isolation') as isolation`,
  );
  const isolation = locked.rows[0]?.isolation;
  if (isolation !== 'read committed') {
    throw new Error(`appendAudit needs a READ COMMITTED transaction, not ${isolation ?? 'unknown'}`);
  }
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    // A Date holds whole milliseconds and timestamptz microseconds, so `at` reads back as written.
    at: entry.at ?? new Date(),
    actorUserId: entry.actorUserId === null ? null : canonicalUuid(entry.actorUserId),
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    ip: entry.ip ?? null,
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: auditHash(prevHash, row) });
}

/** Appends one entry in a transaction of its own, for actions that change nothing else (a sign-in). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, entry));
}

// Postgres accepts upper case, braces and missing hyphens but prints the canonical form; hash that form.
function canonicalUuid(value: string): string {
  const hex = value
    .replace(/^\{|\}$/g, '')
    .replaceAll('-', '')
    .toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
