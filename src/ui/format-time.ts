import { provinceTimeZone } from '../triage/province-time-zone.js';

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** A time as staff of the report's province read it: `23 Nov 2026 14:05 WITA`. */
export function formatLocalTime(time: Date, provinceCode: string | null, language: 'id' | 'en'): string {
  const timeZone = provinceTimeZone(provinceCode);
  const text = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(time);
  return `${text} ${ZONE_NAMES[timeZone] ?? timeZone}`;
}

export function formatLocalDate(time: Date, provinceCode: string | null, language: 'id' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: provinceTimeZone(provinceCode),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(time);
}
