import type { UiLanguage } from '../auth/roles.js';
import { CATEGORIES } from '../classifier/classification.js';
import { translator } from '../ui/i18n.js';
import type { IndicatorReport, ProvinceIndicators } from './indicator-report.js';
import { DEFINITION_KEYS, indicatorTexts } from './indicator-texts.js';

export type Cell = string | number | null;

export interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** The indicator report as plain tables, for CSV, XLSX and the CLI: what a quarterly report pastes in. */
export interface IndicatorTables {
  /** Title, period, provinces and when it was computed: the header block. */
  heading: string[];
  tables: Table[];
  definitionsTitle: string;
  definitions: string[];
}

export function indicatorTables(
  report: IndicatorReport,
  language: UiLanguage,
  provinceName: (code: string) => string,
): IndicatorTables {
  const t = translator(language);
  const it = indicatorTexts(language);
  const rows = report.provinces.length > 1 ? [...report.provinces, report.total] : report.provinces;
  const name = (row: ProvinceIndicators) =>
    row.provinceCode === '*'
      ? it('total')
      : row.provinceCode === ''
        ? it('noProvince')
        : provinceName(row.provinceCode);
  const code = (row: ProvinceIndicators) => (row.provinceCode === '*' ? '' : row.provinceCode);

  const byCategory: Table = {
    name: it('indicators'),
    header: [
      'province_code',
      it('provinces'),
      it('category'),
      it('received'),
      it('identified'),
      it('followedUp'),
      `${it('followedUp')} %`,
      it('closedResolved'),
    ],
    rows: rows.flatMap((row) =>
      row.funnel.map((f) => {
        const percent = f.validated ? Math.round((f.followedUp / f.validated) * 1000) / 10 : null;
        return [
          code(row),
          name(row),
          t(f.category),
          f.received,
          f.validated,
          f.followedUp,
          percent,
          f.closedResolved,
        ];
      }),
    ),
  };
  const service: Table = {
    name: it('durations'),
    header: [
      'province_code',
      it('provinces'),
      it('received'),
      it('duplicates'),
      it('rejected'),
      it('citizens'),
      `${it('time_triage')}: ${it('median')}`,
      `${it('time_triage')}: ${it('p90')}`,
      `${it('time_followUp')}: ${it('median')}`,
      `${it('time_followUp')}: ${it('p90')}`,
      `${it('time_closure')}: ${it('median')}`,
      `${it('time_closure')}: ${it('p90')}`,
      `${it('overdue')}: ${t('triage')}`,
      `${it('overdue')}: ${t('follow_up')}`,
      `${it('overdue')}: ${t('closure')}`,
    ],
    rows: rows.map((row) => [
      code(row),
      name(row),
      row.received,
      row.duplicates,
      row.rejected,
      row.citizens,
      row.durations.triage.medianDays,
      row.durations.triage.p90Days,
      row.durations.followUp.medianDays,
      row.durations.followUp.p90Days,
      row.durations.closure.medianDays,
      row.durations.closure.p90Days,
      row.overdue.triage,
      row.overdue.follow_up,
      row.overdue.closure,
    ]),
  };
  const series: Table = {
    name: it('perPeriod'),
    header: [
      'province_code',
      it('provinces'),
      it('period'),
      ...CATEGORIES.map((c) => t(c)),
      'SMS',
      'WhatsApp',
      it('total'),
    ],
    rows: rows.flatMap((row) =>
      row.series.map((p) => [
        code(row),
        name(row),
        p.period,
        ...CATEGORIES.map((c) => p.byCategory[c]),
        p.byChannel.sms,
        p.byChannel.whatsapp,
        p.total,
      ]),
    ),
  };
  return {
    heading: [
      `Suara — ${it('indicators')}`,
      `${it('period')}: ${report.from} – ${report.to}`,
      `${it('provinces')}: ${report.provinces.map(name).join(', ') || '—'}`,
      `${it('generatedAt')}: ${report.generatedAt}`,
    ],
    tables: [byCategory, service, series],
    definitionsTitle: it('definitions'),
    definitions: DEFINITION_KEYS.map((key) => it(key)),
  };
}
