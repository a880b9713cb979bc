import type { ProvinceScope } from '../auth/staff.js';
import { endOfLocalDay } from '../triage/local-day.js';

/** Which reports the indicators cover: received from `from` to `to` (local dates, both included). */
export interface IndicatorRange {
  /** Null: every province, and reports without one. */
  provinces: ProvinceScope;
  from: string;
  to: string;
}

/** Where the rollup answers (whole local months) and where the raw reports must (the rest of the range). */
export interface RangeSplit {
  /** Whole months, `[from, to)` as first days of months; null when the range holds no whole month. */
  months: { from: string; to: string } | null;
  /** Local-date spans `[from, to)` outside those months. */
  edges: { from: string; to: string }[];
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The instant a local date begins in a time zone. */
export function localMidnight(date: string, timeZone: string): Date {
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return new Date(endOfLocalDay(day - 1, timeZone).getTime() + 1);
}

export function firstOfMonth(date: string, monthsLater = 0): string {
  const d = day(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsLater, 1)));
}

export function splitRange(from: string, to: string): RangeSplit {
  const end = addDays(to, 1);
  const monthsFrom = from === firstOfMonth(from) ? from : firstOfMonth(from, 1);
  const monthsTo = firstOfMonth(end);
  if (monthsFrom >= monthsTo) return { months: null, edges: from < end ? [{ from, to: end }] : [] };
  const edges = [
    { from, to: monthsFrom },
    { from: monthsTo, to: end },
  ].filter((edge) => edge.from < edge.to);
  return { months: { from: monthsFrom, to: monthsTo }, edges };
}
