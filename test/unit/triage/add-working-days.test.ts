import { describe, expect, it } from 'vitest';
import { addWorkingDays, workingDaysBetween } from '../../../src/triage/add-working-days.js';
import { provinceTimeZone } from '../../../src/triage/province-time-zone.js';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const none = new Set<string>();

describe('addWorkingDays', () => {
  it('skips the day of receipt and the weekend: Friday 10:00 WITA + 2 → end of Tuesday WITA', () => {
    const friday = new Date('2026-07-10T10:00:00+08:00');
    expect(addWorkingDays(friday, 2, WITA, none).toISOString()).toBe('2026-07-14T15:59:59.999Z');
  });

  it('counts Monday to Friday, across two weekends', () => {
    const wednesday = new Date('2026-07-08T09:00:00+07:00');
    expect(addWorkingDays(wednesday, 1, WIB, none).toISOString()).toBe('2026-07-09T16:59:59.999Z');
    expect(addWorkingDays(wednesday, 3, WIB, none).toISOString()).toBe('2026-07-13T16:59:59.999Z');
    expect(addWorkingDays(wednesday, 8, WIB, none).toISOString()).toBe('2026-07-20T16:59:59.999Z');
  });

  it('does not count a report received on Saturday or Sunday until Monday', () => {
    const saturday = new Date('2026-07-11T08:00:00+07:00');
    const sunday = new Date('2026-07-12T22:00:00+07:00');
    expect(addWorkingDays(saturday, 1, WIB, none).toISOString()).toBe('2026-07-13T16:59:59.999Z');
    expect(addWorkingDays(sunday, 1, WIB, none).toISOString()).toBe('2026-07-13T16:59:59.999Z');
  });

  it('skips holidays: a Monday holiday moves Friday + 2 to Wednesday, two of them to Thursday', () => {
    const friday = new Date('2026-07-10T10:00:00+08:00');
    expect(addWorkingDays(friday, 2, WITA, new Set(['2026-07-13'])).toISOString()).toBe(
      '2026-07-15T15:59:59.999Z',
    );
    expect(addWorkingDays(friday, 2, WITA, new Set(['2026-07-13', '2026-07-14'])).toISOString()).toBe(
      '2026-07-16T15:59:59.999Z',
    );
  });

  it('takes the date of receipt in the local zone: 08:00 Friday WIT is still Thursday in UTC', () => {
    const fridayWit = new Date('2026-07-10T08:00:00+09:00');
    expect(fridayWit.getUTCDay()).toBe(4);
    expect(addWorkingDays(fridayWit, 1, 'Asia/Jayapura', none).toISOString()).toBe(
      '2026-07-13T14:59:59.999Z',
    );
  });

  describe('the same instant in two provinces: 23:30 WIB is 00:30 WITA the next day', () => {
    const aceh = provinceTimeZone('11');
    const kaltim = provinceTimeZone('64');

    it('Thursday 23:30 WIB is still Thursday in Aceh but already Friday in Kalimantan Timur', () => {
      const instant = new Date('2026-07-09T23:30:00+07:00');
      expect(instant.toISOString()).toBe(new Date('2026-07-10T00:30:00+08:00').toISOString());
      // Aceh: Friday, Monday. Kaltim: Monday, Tuesday.
      expect(addWorkingDays(instant, 2, aceh, none).toISOString()).toBe('2026-07-13T16:59:59.999Z');
      expect(addWorkingDays(instant, 2, kaltim, none).toISOString()).toBe('2026-07-14T15:59:59.999Z');
    });

    it('Friday 23:30 WIB / Saturday 00:30 WITA: both due Tuesday, each at its own local midnight', () => {
      const instant = new Date('2026-07-10T23:30:00+07:00');
      expect(addWorkingDays(instant, 2, aceh, none).toISOString()).toBe('2026-07-14T16:59:59.999Z');
      expect(addWorkingDays(instant, 2, kaltim, none).toISOString()).toBe('2026-07-14T15:59:59.999Z');
    });
  });

  it('derives the UTC offset of the deadline day instead of assuming the one at receipt', () => {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
    const friday = new Date('2026-03-27T10:00:00+01:00');
    expect(addWorkingDays(friday, 1, 'Europe/Berlin', none).toISOString()).toBe('2026-03-30T21:59:59.999Z');
  });

  it('gives the end of the day of receipt for 0 days and refuses negative or fractional days', () => {
    const monday = new Date('2026-07-13T01:00:00+07:00');
    expect(addWorkingDays(monday, 0, WIB, none).toISOString()).toBe('2026-07-13T16:59:59.999Z');
    expect(() => addWorkingDays(monday, -1, WIB, none)).toThrow(RangeError);
    expect(() => addWorkingDays(monday, 1.5, WIB, none)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  const holidays = new Set(['2026-08-17']);

  it('is the inverse of addWorkingDays, from any weekday or weekend receipt', () => {
    for (let offset = 0; offset < 14; offset++) {
      const start = new Date(Date.parse('2026-08-03T13:00:00+08:00') + offset * 86_400_000);
      for (const days of [1, 2, 14, 60]) {
        const due = addWorkingDays(start, days, WITA, holidays);
        expect(workingDaysBetween(start, due, WITA, holidays)).toBe(days);
      }
    }
  });

  it('counts working days overdue after the deadline, and negative days still to go before it', () => {
    const due = new Date('2026-08-18T23:59:59.999+07:00'); // end of Tuesday, the day after a holiday
    expect(workingDaysBetween(due, new Date('2026-08-18T20:00:00+07:00'), WIB, holidays)).toBe(0);
    expect(workingDaysBetween(due, new Date('2026-08-19T09:00:00+07:00'), WIB, holidays)).toBe(1);
    expect(workingDaysBetween(due, new Date('2026-08-24T09:00:00+07:00'), WIB, holidays)).toBe(4);
    const before = new Date('2026-08-14T09:00:00+07:00'); // Friday before the holiday Monday
    expect(workingDaysBetween(before, due, WIB, holidays)).toBe(1);
    expect(workingDaysBetween(due, before, WIB, holidays)).toBe(-1);
  });
});
