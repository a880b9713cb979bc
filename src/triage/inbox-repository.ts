import { and, desc, eq, gte, inArray, isNotNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { ProvinceScope } from '../auth/staff.js';
import type { DbExecutor } from '../db/database.js';
import { REPORT_STATUSES, type ReportStatus, reports } from '../db/schema/reports.js';
import type { InboxFilters } from './inbox-filters.js';
import { decodeReportCursor, encodeReportCursor } from './report-cursor.js';
import { toSearchQuery } from './to-search-query.js';

export interface InboxContext {
  scope: ProvinceScope;
  userId: string;
  now: Date;
  lowConfidenceBelow: number;
}

/** The WHERE clause shared by the list and the counts; null when the scope allows nothing. */
export function inboxConditions(ctx: InboxContext, f: InboxFilters, withStatus: boolean): SQL[] | null {
  const where: (SQL | undefined)[] = [];
  if (ctx.scope) {
    if (ctx.scope.length === 0) return null;
    where.push(inArray(reports.provinceCode, [...ctx.scope]));
  }
  if (!f.includeSimulated) where.push(eq(reports.simulated, false));
  if (withStatus && f.status) where.push(eq(reports.status, f.status));
  if (f.category) where.push(eq(reports.category, f.category));
  if (f.categorySource) where.push(eq(reports.categorySource, f.categorySource));
  if (f.lowConfidence) where.push(lt(reports.classifierConfidence, ctx.lowConfidenceBelow));
  if (f.province) where.push(eq(reports.provinceCode, f.province));
  if (f.regency) where.push(eq(reports.regencyCode, f.regency));
  if (f.from)
    where.push(gte(reports.createdAt, sql`(${f.from}::date)::timestamp at time zone 'Asia/Jakarta'`));
  if (f.to)
    where.push(lt(reports.createdAt, sql`(${f.to}::date + 1)::timestamp at time zone 'Asia/Jakarta'`));
  if (f.channel) where.push(eq(reports.channel, f.channel));
  if (f.withMedia) where.push(ne(reports.media, sql`'[]'::jsonb`));
  if (f.overdue) where.push(and(isNotNull(reports.dueAt), lt(reports.dueAt, ctx.now)));
  if (f.assignedToMe) where.push(eq(reports.assigneeId, ctx.userId));
  const query = f.q ? toSearchQuery(f.q) : null;
  if (query) where.push(sql`${reports.search} @@ to_tsquery('simple', ${query})`);
  return where.filter((c): c is SQL => c !== undefined);
}

export interface InboxRow {
  id: string;
  referenceCode: string;
  createdAt: Date;
  status: ReportStatus;
  category: string;
  categorySource: string;
  classifierConfidence: number | null;
  provinceCode: string | null;
  regencyCode: string | null;
  channel: string;
  firstText: string;
  mediaCount: number;
  dueAt: Date | null;
  dueKind: string | null;
  assigneeId: string | null;
  duplicateOfCode: string | null;
  duplicates: number;
  simulated: boolean;
}

/** One page of the inbox, newest first, by keyset (`nextCursor` is null on the last page). */
export async function listInbox(
  db: DbExecutor,
  ctx: InboxContext,
  f: InboxFilters,
): Promise<{ items: InboxRow[]; nextCursor: string | null }> {
  const where = inboxConditions(ctx, f, true);
  if (!where) return { items: [], nextCursor: null };
  const cursor = f.cursor ? decodeReportCursor(f.cursor) : null;
  if (cursor)
    where.push(
      sql`(${reports.createdAt}, ${reports.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`,
    );
  // Written out: drizzle renders a column unqualified inside sql``, which the subquery's own table would capture.
  const original = sql`(select o.reference_code from reports o where o.id = reports.duplicate_of_id)`;
  const rows = await db
    .select({
      id: reports.id,
      referenceCode: reports.referenceCode,
      createdAt: reports.createdAt,
      cursorTime: sql<string>`${reports.createdAt}::text`,
      status: reports.status,
      category: reports.category,
      categorySource: reports.categorySource,
      classifierConfidence: reports.classifierConfidence,
      provinceCode: reports.provinceCode,
      regencyCode: reports.regencyCode,
      channel: reports.channel,
      firstText: sql<string>`left(coalesce(${reports.texts}->>0, ''), 240)`,
      mediaCount: sql<number>`jsonb_array_length(${reports.media})::int`,
      dueAt: reports.dueAt,
      dueKind: reports.dueKind,
      assigneeId: reports.assigneeId,
      duplicateOfCode: sql<string | null>`${original}`,
      duplicates: sql<number>`(select count(*)::int from reports d where d.duplicate_of_id = reports.id)`,
      simulated: reports.simulated,
    })
    .from(reports)
    .where(and(...where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(f.limit + 1);
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map(({ cursorTime: _c, ...row }) => row),
    nextCursor: more && last ? encodeReportCursor({ createdAt: last.cursorTime, id: last.id }) : null,
  };
}

/**
 * Exact counts stop here: above it a tab says "10000+". An exact count over a million rows costs
 * hundreds of milliseconds; nobody triages by the digit.
 */
export const COUNT_LIMIT = 10_000;

export interface StatusCounts {
  counts: Record<ReportStatus, number>;
  /** A count above this is shown as "limit+": the real number is larger. */
  limit: number;
}

/**
 * How many reports each status tab holds under the other filters, each count capped at `limit + 1`.
 * Null under a full-text search: counting the matches of a common word per status costs ~300 ms at a
 * million reports (`npm run bench:triage`), while the result list itself takes a few milliseconds.
 */
export async function countInboxByStatus(
  db: DbExecutor,
  ctx: InboxContext,
  f: InboxFilters,
): Promise<StatusCounts | null> {
  if (f.q && toSearchQuery(f.q)) return null;
  const limit = COUNT_LIMIT;
  const counts: Record<ReportStatus, number> = {
    new: 0,
    validated: 0,
    rejected: 0,
    in_follow_up: 0,
    closed: 0,
  };
  const where = inboxConditions(ctx, f, false);
  if (!where) return { counts, limit };
  const filter = where.length ? and(...where) : sql`true`;
  const statuses = sql.join(
    REPORT_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  // One round trip; each status counts through its own index range and stops past the limit.
  const result = await db.execute<{ status: ReportStatus; n: number }>(sql`
    select s.status, (
      select count(*)::int from (
        select 1 from ${reports} where ${filter} and ${reports.status} = s.status limit ${limit + 1}
      ) capped
    ) as n
    from unnest(array[${statuses}]::text[]) as s(status)`);
  for (const row of result.rows) counts[row.status] = Number(row.n);
  return { counts, limit };
}
