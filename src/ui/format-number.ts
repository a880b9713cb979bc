import type { UiLanguage } from '../auth/roles.js';

const formats = new Map<string, Intl.NumberFormat>();

/** Numbers as each language writes them (Indonesian: 1.234 and 66,7). */
export function formatNumber(value: number, language: UiLanguage, fractionDigits = 0): string {
  const key = `${language}:${fractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB', {
      maximumFractionDigits: fractionDigits,
    });
    formats.set(key, format);
  }
  return format.format(value);
}
