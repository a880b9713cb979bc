import { getTableColumns, sql } from 'drizzle-orm';
import { auditLog } from '../db/schema/audit-log.js';

// drizzle's jsonb column JSON.parses any string it reads, after pg has already parsed the jsonb: a
// stored string such as "42" or "{}" would come back as a number or an object and fail its hash. Read
// the jsonb as text and parse it once.
const jsonbOnce = (value: unknown): unknown => JSON.parse(String(value));

/** Selection of every audit_log column, `before`/`after` exactly as stored. Rows are `AuditRow`s. */
export const auditRowColumns = {
  ...getTableColumns(auditLog),
  before: sql<unknown>`${auditLog.before}::text`.mapWith(jsonbOnce),
  after: sql<unknown>`${auditLog.after}::text`.mapWith(jsonbOnce),
};
