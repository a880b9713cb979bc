import type { UiLanguage } from '../../auth/roles.js';
import { CATEGORIES } from '../../classifier/classification.js';
import { CLOSE_OUTCOMES, DUE_KINDS } from '../../db/schema/reports.js';
import {
  CATEGORY_SOURCES,
  INDICATOR_CATEGORIES,
  type ProvinceIndicators,
} from '../../indicators/indicator-report.js';
import { DEFINITION_KEYS, type IndicatorTranslate } from '../../indicators/indicator-texts.js';
import { barChart } from '../charts/bar-chart.js';
import { stackedColumns } from '../charts/stacked-columns.js';
import { formatNumber } from '../format-number.js';
import { html, type SafeHtml } from '../html.js';
import { label, type Translate } from '../i18n.js';

export interface SectionContext {
  t: Translate;
  it: IndicatorTranslate;
  language: UiLanguage;
  provinceName: (code: string) => string;
  regencyName: (code: string) => string;
}

// A no-break space keeps "58,3 %" on one line in a narrow column.
const percentText = (c: SectionContext, percent: number | null) =>
  percent === null ? '—' : `${formatNumber(percent, c.language, 1)}\u00a0%`;

/** A chart with its numbers as a table underneath, folded, for screen readers and copying. */
function figure(c: SectionContext, chart: SafeHtml, table: SafeHtml): SafeHtml {
  return html`<figure class="chart-figure">${chart}
<details class="numbers"><summary>${c.it('numbers')}</summary><div class="table-wrap">${table}</div></details></figure>`;
}

/** The programme's indicators per province, side by side, and the total. */
export function indicatorSection(c: SectionContext, rows: ProvinceIndicators[]): SafeHtml {
  const n = (value: number) => formatNumber(value, c.language);
  return html`<section class="card" aria-labelledby="ind-h"><h2 id="ind-h">${c.it('programmeIndicators')}</h2>
<div class="indicator-grid">
${INDICATOR_CATEGORIES.map((category) => {
  const total = rows[rows.length - 1]?.indicators[category];
  return html`<div class="indicator"><h3>${c.it(`indicator_${category}`)}</h3>
<p class="big">${percentText(c, total?.percent ?? null)}</p>
<p class="small">${n(total?.followedUp ?? 0)} ${c.it('followedUp').toLowerCase()} / ${n(total?.identified ?? 0)} ${c.it('identified').toLowerCase()}</p>
${
  rows.length > 1
    ? barChart({
        title: c.it(`indicator_${category}`),
        compact: true,
        max: 100,
        bars: rows.map((row) => ({
          label: c.provinceName(row.provinceCode),
          value: row.indicators[category].percent ?? 0,
          text: percentText(c, row.indicators[category].percent),
        })),
      })
    : ''
}</div>`;
})}
</div>
<div class="table-wrap"><table class="data">
<thead><tr><th scope="col" rowspan="2">${c.t('province')}</th>${INDICATOR_CATEGORIES.map(
    (category) => html`<th scope="colgroup" colspan="3">${label(c.t, category)}</th>`,
  )}</tr>
<tr>${INDICATOR_CATEGORIES.map(
    () =>
      html`<th scope="col">${c.it('identified')}</th><th scope="col">${c.it('followedUp')}</th><th scope="col">%</th>`,
  )}</tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr><th scope="row">${c.provinceName(row.provinceCode)}</th>${INDICATOR_CATEGORIES.map(
        (category) =>
          html`<td>${n(row.indicators[category].identified)}</td><td>${n(row.indicators[category].followedUp)}</td><td>${percentText(c, row.indicators[category].percent)}</td>`,
      )}</tr>`,
  )}</tbody></table></div>
<p class="small definition">${c.it('def_identified')} ${c.it('def_followedUp')}</p>
</section>`;
}

/** Received → validated → followed up → closed resolved, one small chart per category. */
export function funnelSection(c: SectionContext, row: ProvinceIndicators): SafeHtml {
  const stages = ['received', 'validated', 'followedUp', 'closedResolved'] as const;
  const table = html`<table class="data"><thead><tr><th scope="col">${c.it('category')}</th>${stages.map((s) => html`<th scope="col">${c.it(s)}</th>`)}</tr></thead>
<tbody>${row.funnel.map((f) => html`<tr><th scope="row">${label(c.t, f.category)}</th>${stages.map((s) => html`<td>${f[s]}</td>`)}</tr>`)}</tbody></table>`;
  return html`<section class="card" aria-labelledby="funnel-h"><h2 id="funnel-h">${c.it('funnel')}</h2>
${figure(
  c,
  html`<div class="small-multiples">${row.funnel.map(
    (f) =>
      html`<div><h3>${label(c.t, f.category)}</h3>${barChart({
        title: `${c.it('funnel')}: ${label(c.t, f.category)}`,
        bars: stages.map((s) => ({ label: c.it(s), value: f[s] })),
        tone: `s-${f.category}`,
        compact: true,
      })}</div>`,
  )}</div>`,
  table,
)}
<p class="small definition">${c.it('def_received')} ${c.it('def_closed')}</p></section>`;
}

/** Reports per month or quarter, stacked by category, with the channel split in the table. */
export function periodSection(c: SectionContext, row: ProvinceIndicators): SafeHtml {
  const series = CATEGORIES.map((key) => ({ key, label: label(c.t, key) }));
  const table = html`<table class="data"><thead><tr><th scope="col">${c.it('period')}</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}<th scope="col">SMS</th><th scope="col">WhatsApp</th><th scope="col">${c.it('total')}</th></tr></thead>
<tbody>${row.series.map((p) => html`<tr><th scope="row">${p.period}</th>${CATEGORIES.map((k) => html`<td>${p.byCategory[k]}</td>`)}<td>${p.byChannel.sms}</td><td>${p.byChannel.whatsapp}</td><td>${p.total}</td></tr>`)}</tbody></table>`;
  const sms = row.series.reduce((sum, p) => sum + p.byChannel.sms, 0);
  const whatsapp = row.series.reduce((sum, p) => sum + p.byChannel.whatsapp, 0);
  return html`<section class="card" aria-labelledby="period-h"><h2 id="period-h">${c.it('perPeriod')}</h2>
${figure(c, stackedColumns({ title: c.it('perPeriod'), series, columns: row.series.map((p) => ({ label: p.period, values: p.byCategory })) }), table)}
<p class="small">${c.it('channels')}: SMS ${formatNumber(sms, c.language)} · WhatsApp ${formatNumber(whatsapp, c.language)}</p></section>`;
}

/** Reports by regency, identified ones drawn darker inside each bar. */
export function regencySection(c: SectionContext, row: ProvinceIndicators): SafeHtml {
  const name = (code: string) => (code ? c.regencyName(code) : c.it('noRegency'));
  const table = html`<table class="data"><thead><tr><th scope="col">${c.it('regency')}</th><th scope="col">${c.it('received')}</th><th scope="col">${c.it('identified')}</th></tr></thead>
<tbody>${row.regencies.map((r) => html`<tr><th scope="row">${name(r.code)}</th><td>${r.received}</td><td>${r.identified}</td></tr>`)}</tbody></table>`;
  return html`<section class="card" aria-labelledby="regency-h"><h2 id="regency-h">${c.it('byRegency')}</h2>
${figure(
  c,
  barChart({
    title: c.it('byRegency'),
    bars: row.regencies.slice(0, 15).map((r) => ({
      label: name(r.code),
      value: r.received,
      part: r.identified,
      text: `${r.received} (${r.identified})`,
    })),
  }),
  table,
)}
<p class="small">${c.it('received')} (${c.it('identified').toLowerCase()})</p></section>`;
}

/** Time taken, overdue now, citizens reached, how categories were decided, outcomes. */
export function serviceSection(c: SectionContext, row: ProvinceIndicators): SafeHtml {
  const days = (value: number | null) => (value === null ? '—' : formatNumber(value, c.language, 1));
  const measures = [
    ['time_triage', row.durations.triage],
    ['time_followUp', row.durations.followUp],
    ['time_closure', row.durations.closure],
  ] as const;
  const sources = CATEGORY_SOURCES.map((source) => ({
    label: c.t(`src_${source}`),
    value: row.categorySource[source],
    text: `${row.categorySource[source]} (${percentText(c, row.received ? Math.round((row.categorySource[source] / row.received) * 1000) / 10 : null)})`,
  }));
  const outcomes = CLOSE_OUTCOMES.map((outcome) => ({
    label: label(c.t, outcome),
    value: row.outcomes[outcome],
  }));
  const list = (bars: { label: string; value: number }[]) =>
    html`<table class="data"><tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td>${b.value}</td></tr>`)}</tbody></table>`;
  return html`<section class="card" aria-labelledby="service-h"><h2 id="service-h">${c.it('durations')}</h2>
<div class="table-wrap"><table class="data"><thead><tr><th scope="col">${c.it('measure')}</th><th scope="col">${c.it('reportsCounted')}</th><th scope="col">${c.it('median')}</th><th scope="col">${c.it('p90')}</th></tr></thead>
<tbody>${measures.map(([key, d]) => html`<tr><th scope="row">${c.it(key)}</th><td>${d.reports}</td><td>${days(d.medianDays)}</td><td>${days(d.p90Days)}</td></tr>`)}</tbody></table></div>
<dl class="stats">
<div><dt>${c.it('overdue')}</dt><dd>${DUE_KINDS.map((kind) => html`<span class="line">${label(c.t, kind)}: <strong class="${row.overdue[kind] ? 'late' : ''}">${row.overdue[kind]}</strong></span>`)}</dd></div>
<div><dt>${c.it('citizens')}</dt><dd><strong>${formatNumber(row.citizens, c.language)}</strong></dd></div>
<div><dt>${c.it('received')}</dt><dd><strong>${formatNumber(row.received, c.language)}</strong> · ${c.it('duplicates')} ${row.duplicates} · ${c.it('rejected')} ${row.rejected}</dd></div>
</dl>
<p class="small definition">${c.it('def_durations')} ${c.it('def_overdue')}</p>
<div class="small-multiples">
<div><h3>${c.it('categorySource')}</h3>${figure(c, barChart({ title: c.it('categorySource'), bars: sources, compact: true }), list(sources))}</div>
<div><h3>${c.it('outcomes')}</h3>${figure(c, barChart({ title: c.it('outcomes'), bars: outcomes, compact: true }), list(outcomes))}</div>
</div></section>`;
}

export function definitionsSection(c: SectionContext): SafeHtml {
  return html`<section class="card" aria-labelledby="def-h"><h2 id="def-h">${c.it('definitions')}</h2>
<ul class="definitions">${DEFINITION_KEYS.map((key) => html`<li>${c.it(key)}</li>`)}</ul></section>`;
}
