import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { auditLog } from '../db/schema/audit-log.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { auditRowColumns } from './audit-row-columns.js';

const BATCH_SIZE = 5000;

export type AuditChainResult =
  | { ok: true; rows: number }
  /** `rows`: rows that checked out before the break; `brokenAt`: the id of the first bad row. */
  | { ok: false; rows: number; brokenAt: number; reason: string };

/**
 * Recomputes every row's hash and checks each row points at the one before it. An altered, removed or
 * reordered row is found; rows removed from the very end leave a shorter but consistent chain, which
 * only a copy of the last hash kept elsewhere can reveal.
 */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<AuditChainResult> {
  let checked = 0;
  let previous: { id: number; hash: string } | null = null;
  for (;;) {
    const batch = await db
      .select(auditRowColumns)
      .from(auditLog)
      .where(previous ? gt(auditLog.id, previous.id) : undefined)
      .orderBy(asc(auditLog.id))
      .limit(BATCH_SIZE);
    for (const row of batch) {
      if (auditHash(row.prevHash, row) !== row.hash) {
        return broken(checked, row.id, 'content does not match its hash (altered)');
      }
      if (previous === null && row.prevHash !== GENESIS_HASH) {
        return broken(checked, row.id, 'prev_hash is not the genesis hash (earlier rows removed)');
      }
      if (previous !== null && row.prevHash !== previous.hash) {
        return broken(
          checked,
          row.id,
          `prev_hash does not match row ${previous.id} (row removed or reordered)`,
        );
      }
      previous = { id: row.id, hash: row.hash };
      checked += 1;
    }
    onProgress?.(checked);
    if (batch.length < BATCH_SIZE) return { ok: true, rows: checked };
  }
}

function broken(rows: number, id: number, reason: string): AuditChainResult {
  return { ok: false, rows, brokenAt: id, reason: `row ${id}: ${reason}` };
}
