import type { ProvinceScope } from '../auth/staff.js';
import type { Db } from '../db/database.js';
import { isoDateOf, localDay } from '../triage/local-day.js';
import type { GroupBy, IndicatorReport } from './indicator-report.js';
import { countCitizens, countOverdue, readIndicatorCells } from './indicator-repository.js';
import { summarizeIndicators } from './summarize-indicators.js';

export interface IndicatorQuery {
  /** Empty or absent: every province in scope. */
  provinces?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  groupBy?: GroupBy | undefined;
}

export type IndicatorResult =
  | { ok: true; value: IndicatorReport }
  | { ok: false; status: 400 | 403; message: string };

export interface ResolvedQuery {
  provinces: ProvinceScope;
  from: string;
  to: string;
  groupBy: GroupBy;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return ISO_DATE.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};
/** Ten years of months is more than any forum reports on, and bounds the work of one request. */
const MAX_DAYS = 3660;

/** Where a question about the indicators is refused before any query runs. */
export function resolveIndicatorQuery(
  scope: ProvinceScope,
  query: IndicatorQuery,
  now: Date,
): { ok: true; value: ResolvedQuery } | { ok: false; status: 400 | 403; message: string } {
  // Periods are local dates; without a province to go by, the national capital's zone picks "today".
  const today = isoDateOf(localDay(now, 'Asia/Jakarta'));
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!isDate(value)) return { ok: false, status: 400, message: `${name} must be a date as YYYY-MM-DD.` };
  if (from > to) return { ok: false, status: 400, message: 'from must not be after to.' };
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (span > MAX_DAYS) return { ok: false, status: 400, message: 'Ask for at most ten years at a time.' };

  const asked = [...new Set(query.provinces ?? [])].filter(Boolean).sort();
  if (scope && asked.some((code) => !scope.includes(code))) {
    const yours = scope.length ? scope.join(', ') : 'none';
    return {
      ok: false,
      status: 403,
      message: `You can see the indicators of your provinces only (${yours}).`,
    };
  }
  const provinces = asked.length ? asked : scope;
  return { ok: true, value: { provinces, from, to, groupBy: query.groupBy ?? 'month' } };
}

/** The programme's indicators for a period and the provinces a person may see (docs/indicators.md). */
export function createIndicatorService(deps: { db: Db; clock: () => Date }) {
  return {
    async report(scope: ProvinceScope, query: IndicatorQuery): Promise<IndicatorResult> {
      const now = deps.clock();
      const resolved = resolveIndicatorQuery(scope, query, now);
      if (!resolved.ok) return resolved;
      const range = resolved.value;
      const [cells, citizens, overdue] = await Promise.all([
        readIndicatorCells(deps.db, range),
        countCitizens(deps.db, range),
        countOverdue(deps.db, range, now),
      ]);
      return {
        ok: true,
        value: summarizeIndicators({
          from: range.from,
          to: range.to,
          groupBy: range.groupBy,
          now,
          provinces: range.provinces ?? [],
          cells,
          citizens,
          overdue,
        }),
      };
    },
  };
}

export type IndicatorService = ReturnType<typeof createIndicatorService>;
