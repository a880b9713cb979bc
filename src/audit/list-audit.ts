import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type AuditRow, auditLog } from '../db/schema/audit-log.js';
import { auditRowColumns } from './audit-row-columns.js';

export interface ListAuditOptions {
  /** The previous page's `nextCursor`: only rows with a smaller id. */
  beforeId?: number;
  limit: number;
  action?: string;
  actorUserId?: string;
}

export interface AuditPage {
  items: AuditRow[];
  /** Pass as `beforeId` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** One page of the audit log, newest first, for admins browsing it. */
export async function listAudit(db: Db, options: ListAuditOptions): Promise<AuditPage> {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`listAudit limit must be a positive integer, got ${options.limit}`);
  }
  const rows = await db
    .select(auditRowColumns)
    .from(auditLog)
    .where(
      and(
        options.beforeId === undefined ? undefined : lt(auditLog.id, options.beforeId),
        options.action === undefined ? undefined : eq(auditLog.action, options.action),
        options.actorUserId === undefined ? undefined : eq(auditLog.actorUserId, options.actorUserId),
      ),
    )
    .orderBy(desc(auditLog.id))
    // One more than asked tells whether another page exists.
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const more = rows.length > options.limit;
  return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}
