import { endOfLocalDay, isoDateOf, localDay, weekdayOf } from './local-day.js';

function isWorkingDay(day: number, holidays: ReadonlySet<string>): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDateOf(day));
}

/**
 * The deadline `days` working days after `start`: the end (23:59:59.999 local time) of the Nth
 * working day after the local calendar date of `start`. The day of receipt never counts, even when
 * it is a working day and the report came in at 07:00. Working days are Monday to Friday in
 * `timeZone`, minus `holidays` (`YYYY-MM-DD`, local dates). `days = 0` gives the end of the day of
 * receipt.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  timeZone: string,
  holidays: ReadonlySet<string>,
): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`addWorkingDays: days must be a whole number ≥ 0, got ${days}`);
  }
  let day = localDay(start, timeZone);
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (isWorkingDay(day, holidays)) counted += 1;
  }
  return endOfLocalDay(day, timeZone);
}

/**
 * Working days from the local date of `from` to the local date of `to`: those after `from`'s date up
 * to and including `to`'s, so `workingDaysBetween(start, addWorkingDays(start, n, …), …) === n`.
 * Negative when `to` is earlier. `workingDaysBetween(dueAt, now, …)` is how many working days a
 * report is overdue (≤ 0: not overdue); `workingDaysBetween(now, dueAt, …)` how many remain.
 */
export function workingDaysBetween(
  from: Date,
  to: Date,
  timeZone: string,
  holidays: ReadonlySet<string>,
): number {
  const first = localDay(from, timeZone);
  const last = localDay(to, timeZone);
  const [low, high, sign] = first <= last ? [first, last, 1] : [last, first, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) if (isWorkingDay(day, holidays)) count += 1;
  return sign * count;
}
