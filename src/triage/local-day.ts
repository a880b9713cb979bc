/**
 * Calendar arithmetic in a time zone without a date library. A local date is handled as a "day
 * number": days since 1970-01-01 of that calendar date, so adding 1 is the next local day whatever
 * the zone, and the weekday and `YYYY-MM-DD` follow from it without further time-zone lookups.
 */
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws RangeError for an unknown zone name, which is a programming error, not a data one.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading in `timeZone` at `instant`, written as if it were UTC (milliseconds). */
export function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second, instant - Math.floor(instant / 1000) * 1000);
}

/** The local calendar date of `instant` in `timeZone`, as a day number. */
export function localDay(instant: Date, timeZone: string): number {
  return Math.floor(wallClockAsUtc(instant.getTime(), timeZone) / MS_PER_DAY);
}

/**
 * The instant of 23:59:59.999 local time on `day`. The UTC offset is read from the zone at that
 * moment, not assumed; a second pass settles it should the first guess straddle an offset change.
 */
export function endOfLocalDay(day: number, timeZone: string): Date {
  const wall = (day + 1) * MS_PER_DAY - 1;
  let instant = wall;
  for (let pass = 0; pass < 2; pass++) instant = wall - (wallClockAsUtc(instant, timeZone) - instant);
  return new Date(instant);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

/** `YYYY-MM-DD` of a day number, as written in flows/service-levels.yaml. */
export function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
