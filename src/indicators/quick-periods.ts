import { addDays, firstOfMonth } from './indicator-range.js';
import type { IndicatorTextKey } from './indicator-texts.js';

export interface QuickPeriod {
  key: IndicatorTextKey;
  from: string;
  to: string;
}

const lastDayOf = (monthStart: string) => addDays(firstOfMonth(monthStart, 1), -1);

/** The periods a secretariat reports on, around `today` (a local date). */
export function quickPeriods(today: string): QuickPeriod[] {
  const month = firstOfMonth(today);
  const quarterStart = `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const lastQuarter = firstOfMonth(quarterStart, -3);
  const year = Number(today.slice(0, 4));
  return [
    { key: 'thisMonth', from: month, to: today },
    { key: 'lastMonth', from: firstOfMonth(month, -1), to: lastDayOf(firstOfMonth(month, -1)) },
    { key: 'thisQuarter', from: quarterStart, to: today },
    { key: 'lastQuarter', from: lastQuarter, to: addDays(quarterStart, -1) },
    { key: 'thisYear', from: `${year}-01-01`, to: today },
    { key: 'lastYear', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  ];
}
