import { CATEGORIES, type Category } from '../classifier/classification.js';
import { CLOSE_OUTCOMES, DUE_KINDS } from '../db/schema/reports.js';
import { firstOfMonth } from './indicator-range.js';
import {
  CATEGORY_SOURCES,
  type DurationSummary,
  type FunnelRow,
  type GroupBy,
  INDICATOR_CATEGORIES,
  type IndicatorCategory,
  type IndicatorRatio,
  type IndicatorReport,
  type PeriodCounts,
  type ProvinceIndicators,
  type RegencyCounts,
} from './indicator-report.js';
import type { CellCount, OverdueCount } from './indicator-repository.js';
import { percentileOfBuckets } from './percentile-of-buckets.js';

export interface SummaryInput {
  from: string;
  to: string;
  groupBy: GroupBy;
  now: Date;
  /** Provinces to show even without reports (the ones asked for); others appear when they have reports. */
  provinces: readonly string[];
  cells: CellCount[];
  citizens: ReadonlyMap<string, number>;
  overdue: OverdueCount[];
}

const IDENTIFIED = new Set(['validated', 'in_follow_up', 'closed']);
const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);
const isIn = <K extends string>(keys: readonly K[], value: string): value is K =>
  (keys as readonly string[]).includes(value);

/** `2026-07` or `2026-Q3` for a month's first day. */
function periodOf(month: string, groupBy: GroupBy): string {
  if (groupBy === 'month') return month.slice(0, 7);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every period of the range, so charts show empty months as empty rather than skipping them. */
function periodsOf(from: string, to: string, groupBy: GroupBy): string[] {
  const periods: string[] = [];
  for (let month = firstOfMonth(from); month <= to; month = firstOfMonth(month, 1)) {
    const period = periodOf(month, groupBy);
    if (periods[periods.length - 1] !== period) periods.push(period);
  }
  return periods;
}

const days = (hours: number | null) => (hours === null ? null : Math.round((hours / 24) * 10) / 10);

function duration(buckets: Map<number, number>): DurationSummary {
  let reports = 0;
  for (const n of buckets.values()) reports += n;
  return {
    reports,
    medianDays: days(percentileOfBuckets(buckets, 0.5)),
    p90Days: days(percentileOfBuckets(buckets, 0.9)),
  };
}

function summarizeOne(input: SummaryInput, provinceCode: string, cells: CellCount[]): ProvinceIndicators {
  const identified = zeroes(INDICATOR_CATEGORIES);
  const followedUp = zeroes(INDICATOR_CATEGORIES);
  const funnel = new Map<Category, FunnelRow>(
    CATEGORIES.map((category) => [
      category,
      { category, received: 0, validated: 0, followedUp: 0, closedResolved: 0 },
    ]),
  );
  const outcomes = zeroes(CLOSE_OUTCOMES);
  const categorySource = zeroes(CATEGORY_SOURCES);
  const periods = new Map<string, PeriodCounts>(
    periodsOf(input.from, input.to, input.groupBy).map((period) => [
      period,
      { period, byCategory: zeroes(CATEGORIES), byChannel: { sms: 0, whatsapp: 0 }, total: 0 },
    ]),
  );
  const regencies = new Map<string, RegencyCounts>();
  const hours = {
    triage: new Map<number, number>(),
    followUp: new Map<number, number>(),
    closure: new Map(),
  };
  let received = 0;
  let duplicates = 0;
  let rejected = 0;

  for (const { facet, cell, reports: n, month } of cells) {
    const parts = cell.split('|');
    if (facet === 'count') {
      const [category = '', channel, status = '', outcome = '', copy, followUp, source = ''] = parts;
      if (!isCategory(category)) continue;
      received += n;
      const original = copy === 'original';
      if (!original) duplicates += n;
      if (status === 'rejected') rejected += n;
      if (isIn(CATEGORY_SOURCES, source)) categorySource[source] += n;
      const row = funnel.get(category);
      if (row) row.received += n;
      const period = periods.get(periodOf(month, input.groupBy));
      if (period) {
        period.byCategory[category] += n;
        period.total += n;
        if (channel === 'sms' || channel === 'whatsapp') period.byChannel[channel] += n;
      }
      if (!original || !IDENTIFIED.has(status)) continue;
      const wasFollowedUp = followUp === 'followed_up';
      if (row) {
        row.validated += n;
        if (wasFollowedUp) row.followedUp += n;
        if (status === 'closed' && outcome === 'resolved') row.closedResolved += n;
      }
      if (status === 'closed' && isIn(CLOSE_OUTCOMES, outcome)) outcomes[outcome] += n;
      if (isIn(INDICATOR_CATEGORIES, category)) {
        identified[category] += n;
        if (wasFollowedUp) followedUp[category] += n;
      }
    } else if (facet === 'regency') {
      const [code = '', , kind] = parts;
      const row = regencies.get(code) ?? { code, received: 0, identified: 0 };
      row.received += n;
      if (kind === 'identified') row.identified += n;
      regencies.set(code, row);
    } else {
      const bucket = Number(parts[1]);
      const target =
        facet === 'triage_hours'
          ? hours.triage
          : facet === 'follow_up_hours'
            ? hours.followUp
            : facet === 'closure_hours'
              ? hours.closure
              : null;
      if (target && Number.isFinite(bucket)) target.set(bucket, (target.get(bucket) ?? 0) + n);
    }
  }

  const overdue = zeroes(DUE_KINDS);
  for (const row of input.overdue)
    if ((provinceCode === '*' || row.provinceCode === provinceCode) && isIn(DUE_KINDS, row.dueKind))
      overdue[row.dueKind] += row.reports;

  const ratio = (category: IndicatorCategory): IndicatorRatio => ({
    identified: identified[category],
    followedUp: followedUp[category],
    percent: identified[category]
      ? Math.round((followedUp[category] / identified[category]) * 1000) / 10
      : null,
  });
  return {
    provinceCode,
    received,
    duplicates,
    rejected,
    indicators: {
      licensing: ratio('licensing'),
      revenue: ratio('revenue'),
      environmental: ratio('environmental'),
    },
    funnel: [...funnel.values()],
    outcomes,
    series: [...periods.values()],
    regencies: [...regencies.values()].sort(
      (a, b) => b.received - a.received || a.code.localeCompare(b.code),
    ),
    durations: {
      triage: duration(hours.triage),
      followUp: duration(hours.followUp),
      closure: duration(hours.closure),
    },
    overdue,
    citizens: input.citizens.get(provinceCode) ?? 0,
    categorySource,
  };
}

/** The indicator report from cell counts (indicator_cells) and the live counts beside them. */
export function summarizeIndicators(input: SummaryInput): IndicatorReport {
  const codes = new Set(input.provinces);
  for (const cell of input.cells) codes.add(cell.provinceCode);
  const provinces = [...codes]
    .sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map((code) =>
      summarizeOne(
        input,
        code,
        input.cells.filter((cell) => cell.provinceCode === code),
      ),
    );
  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    generatedAt: input.now.toISOString(),
    provinces,
    total: summarizeOne(input, '*', input.cells),
  };
}
