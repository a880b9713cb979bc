import { wallClockAsUtc } from '../triage/local-day.js';

/** Local hours in which invitations may go out: from `start`:00 up to (not including) `end`:00. */
export interface AllowedHours {
  start: number;
  end: number;
}

/**
 * The first moment at or after `at` that falls within the allowed hours of `timeZone`. Indonesian zones
 * (WIB, WITA, WIT) keep no daylight saving time, so the offset at `at` holds for the next day too.
 */
export function nextAllowedTime(at: Date, timeZone: string, hours: AllowedHours): Date {
  const offsetMs = zoneOffsetMs(at, timeZone);
  const local = new Date(at.getTime() + offsetMs);
  const hour = local.getUTCHours();
  if (hour >= hours.start && hour < hours.end) return at;
  const start = new Date(local);
  start.setUTCHours(hours.start, 0, 0, 0);
  if (hour >= hours.end) start.setUTCDate(start.getUTCDate() + 1);
  return new Date(start.getTime() - offsetMs);
}

export function isWithinHours(at: Date, timeZone: string, hours: AllowedHours): boolean {
  return nextAllowedTime(at, timeZone, hours).getTime() === at.getTime();
}

/** The first day of `at`'s month in `timeZone`, as an instant: the window of the monthly invitation cap. */
export function monthStart(at: Date, timeZone: string): Date {
  const offsetMs = zoneOffsetMs(at, timeZone);
  const local = new Date(at.getTime() + offsetMs);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offsetMs);
}

/** How far `timeZone`'s clock is ahead of UTC at `at`, in milliseconds. */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  return wallClockAsUtc(at.getTime(), timeZone) - at.getTime();
}

/** Midnight starting a local date (YYYY-MM-DD) in `timeZone`, `days` later, as an instant. */
export function localMidnight(date: string, timeZone: string, days = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const utcMidnight = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return new Date(utcMidnight.getTime() - zoneOffsetMs(utcMidnight, timeZone));
}
