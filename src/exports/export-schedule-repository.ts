import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { type ExportScheduleRow, exportSchedules } from '../db/schema/export-schedules.js';
import { type PartnerRow, partners } from '../db/schema/partners.js';

export type ExportScheduleInput = Pick<
  ExportScheduleRow,
  'format' | 'directory' | 'url' | 'signingKeyEnc' | 'hour'
>;

/** Creates or replaces a partner's schedule; a replaced one keeps its cursor (no batch is repeated). */
export async function upsertExportSchedule(
  db: DbExecutor,
  partnerId: string,
  input: ExportScheduleInput,
): Promise<ExportScheduleRow> {
  const [row] = await db
    .insert(exportSchedules)
    .values({ partnerId, ...input })
    .onConflictDoUpdate({ target: exportSchedules.partnerId, set: { ...input, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error('export schedule upsert returned nothing');
  return row;
}

export async function deleteExportSchedule(db: DbExecutor, partnerId: string): Promise<boolean> {
  const deleted = await db
    .delete(exportSchedules)
    .where(eq(exportSchedules.partnerId, partnerId))
    .returning({ id: exportSchedules.partnerId });
  return deleted.length > 0;
}

export async function findExportSchedule(
  db: DbExecutor,
  partnerId: string,
): Promise<{ schedule: ExportScheduleRow; partner: PartnerRow } | null> {
  const [row] = await db
    .select({ schedule: exportSchedules, partner: partners })
    .from(exportSchedules)
    .innerJoin(partners, eq(partners.id, exportSchedules.partnerId))
    .where(eq(exportSchedules.partnerId, partnerId));
  return row ?? null;
}

/** Active partners whose batch for `localDate` is due (its hour has come) and not yet delivered. */
export async function listDueExportSchedules(
  db: DbExecutor,
  localDate: string,
  localHour: number,
): Promise<string[]> {
  const rows = await db
    .select({ partnerId: exportSchedules.partnerId })
    .from(exportSchedules)
    .innerJoin(partners, eq(partners.id, exportSchedules.partnerId))
    .where(
      and(
        eq(partners.active, true),
        lte(exportSchedules.hour, localHour),
        or(isNull(exportSchedules.lastBatchDate), lt(exportSchedules.lastBatchDate, localDate)),
      ),
    );
  return rows.map((row) => row.partnerId);
}

export async function markExportBatchDelivered(
  db: DbExecutor,
  partnerId: string,
  result: { localDate: string; cursor: string; rows: number },
): Promise<void> {
  await db
    .update(exportSchedules)
    .set({
      cursor: result.cursor,
      lastBatchDate: result.localDate,
      lastRows: result.rows,
      lastError: null,
      updatedAt: sql`now()`,
    })
    .where(eq(exportSchedules.partnerId, partnerId));
}

export async function markExportBatchFailed(db: DbExecutor, partnerId: string, error: string): Promise<void> {
  await db
    .update(exportSchedules)
    .set({ lastError: error.slice(0, 500), updatedAt: sql`now()` })
    .where(eq(exportSchedules.partnerId, partnerId));
}
