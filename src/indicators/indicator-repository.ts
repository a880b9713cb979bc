import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../db/database.js';
import { provinceTimeZone } from '../triage/province-time-zone.js';
import { addDays, type IndicatorRange, localMidnight, splitRange } from './indicator-range.js';

export interface CellCount {
  provinceCode: string;
  month: string;
  facet: string;
  cell: string;
  reports: number;
}

const numeric = (value: unknown) => Number(value ?? 0);

/** `province_code` of the rollup ('' = none) restricted to the range's provinces; null = no restriction. */
function provinceFilter(column: SQL, provinces: readonly string[] | null): SQL {
  if (!provinces) return sql`true`;
  return sql`${column} in (${sql.join(
    provinces.map((p) => sql`${p}`),
    sql`, `,
  )})`;
}

/**
 * Reports received on local dates `[from, to)` in their province's time zone. For known provinces the
 * bounds are computed here, once per province, so the (province, created_at) indexes answer directly;
 * for "every province" the zone is decided per row (an inlined SQL expression).
 */
function receivedBetween(from: string, to: string, provinces: readonly string[] | null): SQL {
  if (provinces) {
    const spans = provinces.map((code) => {
      const zone = provinceTimeZone(code);
      return sql`(r.province_code = ${code} and r.created_at >= ${localMidnight(from, zone).toISOString()}::timestamptz
        and r.created_at < ${localMidnight(to, zone).toISOString()}::timestamptz)`;
    });
    return sql`(${sql.join(spans, sql` or `)})`;
  }
  return sql`r.created_at >= ${`${addDays(from, -1)}T00:00:00Z`}::timestamptz
    and r.created_at < ${`${addDays(to, 1)}T00:00:00Z`}::timestamptz
    and r.created_at >= (${from}::date)::timestamp at time zone indicator_zone(r.province_code)
    and r.created_at < (${to}::date)::timestamp at time zone indicator_zone(r.province_code)`;
}

/**
 * Every cell count of the range: whole months from the rollup and its pending deltas, the partial months
 * at either end from the reports themselves, through the same `indicator_cells` definition.
 */
export async function readIndicatorCells(db: DbExecutor, range: IndicatorRange): Promise<CellCount[]> {
  if (range.provinces && range.provinces.length === 0) return [];
  const split = splitRange(range.from, range.to);
  const parts: SQL[] = [];
  if (split.months) {
    const { from, to } = split.months;
    const where = sql`month >= ${from}::date and month < ${to}::date
      and ${provinceFilter(sql`province_code`, range.provinces)}`;
    parts.push(sql`select province_code, month, facet, cell, reports from indicator_rollup where ${where}`);
    parts.push(sql`select province_code, month, facet, cell, change from indicator_deltas where ${where}`);
  }
  for (const edge of split.edges) {
    parts.push(sql`select c.province_code, c.month, c.facet, c.cell, 1
      from reports r cross join lateral indicator_cells(r) c
      where ${receivedBetween(edge.from, edge.to, range.provinces)}`);
  }
  if (parts.length === 0) return [];
  const result =
    await db.execute(sql`select province_code, month::text as month, facet, cell, sum(reports) as reports
    from (${sql.join(parts, sql` union all `)}) as cells (province_code, month, facet, cell, reports)
    group by province_code, month, facet, cell
    having sum(reports) <> 0`);
  return result.rows.map((row) => ({
    provinceCode: String(row.province_code),
    month: String(row.month),
    facet: String(row.facet),
    cell: String(row.cell),
    reports: numeric(row.reports),
  }));
}

/** Distinct reporting contacts per province ('' = none) and, under the key `*`, over the whole range. */
export async function countCitizens(db: DbExecutor, range: IndicatorRange): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (range.provinces && range.provinces.length === 0) return counts;
  const received = receivedBetween(range.from, addDays(range.to, 1), range.provinces);
  const only = range.provinces?.length === 1 ? range.provinces[0] : undefined;
  if (only !== undefined) {
    // One province: its count is the whole, and a plain count(distinct) sorts once instead of twice.
    const single = await db.execute(sql`select count(distinct r.contact_id) as citizens
      from reports r where not r.simulated and ${received}`);
    const citizens = numeric(single.rows[0]?.citizens);
    counts.set(only, citizens);
    counts.set('*', citizens);
    return counts;
  }
  const result = await db.execute(sql`select coalesce(r.province_code, '') as province,
      grouping(coalesce(r.province_code, '')) as whole, count(distinct r.contact_id) as citizens
    from reports r
    where not r.simulated and ${received}
    group by grouping sets ((coalesce(r.province_code, '')), ())`);
  for (const row of result.rows)
    counts.set(numeric(row.whole) === 1 ? '*' : String(row.province), numeric(row.citizens));
  return counts;
}

export interface OverdueCount {
  provinceCode: string;
  dueKind: string;
  reports: number;
}

/** Open reports of the range past their next service-level deadline at `now`, by deadline kind. */
export async function countOverdue(
  db: DbExecutor,
  range: IndicatorRange,
  now: Date,
): Promise<OverdueCount[]> {
  if (range.provinces && range.provinces.length === 0) return [];
  const result =
    await db.execute(sql`select coalesce(r.province_code, '') as province, r.due_kind, count(*) as reports
    from reports r
    where not r.simulated and r.due_at is not null and r.due_at < ${now.toISOString()}::timestamptz
      and ${receivedBetween(range.from, addDays(range.to, 1), range.provinces)}
    group by 1, 2`);
  return result.rows.map((row) => ({
    provinceCode: String(row.province),
    dueKind: String(row.due_kind),
    reports: numeric(row.reports),
  }));
}

/**
 * Folds the pending deltas into the rollup. One compaction at a time (an advisory lock); a concurrent
 * call returns 0 at once. Readers see the same figures before and after.
 */
export async function compactIndicatorDeltas(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const lock = await tx.execute(
      sql`select pg_try_advisory_xact_lock(hashtext('indicator_compact')) as locked`,
    );
    if (lock.rows[0]?.locked !== true) return 0;
    const result = await tx.execute(sql`with gone as (
        delete from indicator_deltas returning province_code, month, facet, cell, change
      ), summed as (
        select province_code, month, facet, cell, sum(change)::integer as change from gone
        group by province_code, month, facet, cell
      ), folded as (
        insert into indicator_rollup as r (province_code, month, facet, cell, reports)
        select province_code, month, facet, cell, change from summed where change <> 0
        on conflict (province_code, month, facet, cell) do update set reports = r.reports + excluded.reports
        returning 1
      )
      select (select count(*) from gone) as moved`);
    return numeric(result.rows[0]?.moved);
  });
}

/** Recomputes the rollup from the reports (after a bulk load, or to check it). Blocks report writes meanwhile. */
export async function rebuildIndicatorRollup(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`truncate indicator_rollup, indicator_deltas`);
    const result =
      await tx.execute(sql`insert into indicator_rollup (province_code, month, facet, cell, reports)
      select c.province_code, c.month, c.facet, c.cell, count(*)::integer
      from reports r cross join lateral indicator_cells(r) c
      group by c.province_code, c.month, c.facet, c.cell`);
    return result.rowCount ?? 0;
  });
}
