import { describe, expect, it } from 'vitest';
import { localMidnight, monthStart, nextAllowedTime } from '../../../src/surveys/allowed-hours.js';

const HOURS = { start: 8, end: 20 };

describe('allowed hours in the province time', () => {
  it('keeps a time inside the hours (10:00 WITA)', () => {
    const at = new Date('2026-03-02T02:00:00Z');
    expect(nextAllowedTime(at, 'Asia/Makassar', HOURS)).toEqual(at);
  });
  it('moves an evening time to 08:00 the next day (21:30 WITA)', () => {
    expect(nextAllowedTime(new Date('2026-03-02T13:30:00Z'), 'Asia/Makassar', HOURS).toISOString()).toBe(
      '2026-03-03T00:00:00.000Z',
    );
  });
  it('moves an early time to 08:00 the same day (06:00 WIB)', () => {
    expect(nextAllowedTime(new Date('2026-03-01T23:00:00Z'), 'Asia/Jakarta', HOURS).toISOString()).toBe(
      '2026-03-02T01:00:00.000Z',
    );
  });
  it('starts months and days at local midnight', () => {
    expect(monthStart(new Date('2026-02-28T17:00:00Z'), 'Asia/Makassar').toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(localMidnight('2026-02-01', 'Asia/Jakarta').toISOString()).toBe('2026-01-31T17:00:00.000Z');
  });
});
