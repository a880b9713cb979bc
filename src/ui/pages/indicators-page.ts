import type { Staff } from '../../auth/staff.js';
import type { IndicatorReport } from '../../indicators/indicator-report.js';
import { indicatorTexts } from '../../indicators/indicator-texts.js';
import { quickPeriods } from '../../indicators/quick-periods.js';
import { formatNumber } from '../format-number.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { translator } from '../i18n.js';
import { layout } from '../layout.js';
import {
  definitionsSection,
  funnelSection,
  indicatorSection,
  periodSection,
  regencySection,
  type SectionContext,
  serviceSection,
} from './indicator-sections.js';

export interface IndicatorsPageInput {
  report: IndicatorReport;
  /** The provinces asked for (empty: all in scope). */
  asked: readonly string[];
  /** The provinces the person may choose from. */
  choices: readonly string[];
  today: string;
  provinceName: (code: string) => string;
  regencyName: (code: string) => string;
  /** For admins: which provinces are on the public page. */
  published: ReadonlySet<string> | null;
}

function query(params: Record<string, string | readonly string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const item of typeof value === 'string' ? [value] : value) if (item) search.append(key, item);
  return search.toString();
}

export function indicatorsPage(staff: Staff, input: IndicatorsPageInput): string {
  const language = staff.language;
  const t = translator(language);
  const it = indicatorTexts(language);
  const { report } = input;
  const c: SectionContext = {
    t,
    it,
    language,
    provinceName: (code) =>
      code === '*' ? it('total') : code === '' ? it('noProvince') : input.provinceName(code),
    regencyName: input.regencyName,
  };
  const current = { from: report.from, to: report.to, groupBy: report.groupBy, province: input.asked };
  const rows = report.provinces.length > 1 ? [...report.provinces, report.total] : report.provinces;
  const whole = report.total;

  const form = html`<form class="filters period" method="get" action="/triage/indicators">
<div class="filter-fields">
<label>${it('from')}<input type="date" name="from" value="${report.from}" required></label>
<label>${it('to')}<input type="date" name="to" value="${report.to}" required></label>
<label>${it('groupBy')}<select name="groupBy">
  <option value="month" ${report.groupBy === 'month' ? 'selected' : ''}>${it('month')}</option>
  <option value="quarter" ${report.groupBy === 'quarter' ? 'selected' : ''}>${it('quarter')}</option>
</select></label>
${
  input.choices.length > 1
    ? html`<fieldset class="provinces"><legend>${it('provinces')}</legend>${input.choices.map(
        (code) =>
          html`<label class="check"><input type="checkbox" name="province" value="${code}" ${input.asked.includes(code) ? 'checked' : ''}> ${c.provinceName(code)}</label>`,
      )}</fieldset>`
    : ''
}
<button type="submit">${it('show')}</button>
</div>
<p class="quick">${quickPeriods(input.today).map(
    (p) =>
      html`<a href="/triage/indicators?${query({ ...current, from: p.from, to: p.to })}" ${p.from === report.from && p.to === report.to ? html`aria-current="true"` : ''}>${it(p.key)}</a> `,
  )}</p>
</form>`;

  const downloads = html`<p class="downloads">${it('download')}:
<a href="/api/v1/indicators/download?${query({ ...current, format: 'csv' })}" download>CSV</a> ·
<a href="/api/v1/indicators/download?${query({ ...current, format: 'xlsx' })}" download>XLSX</a> ·
<a href="/api/v1/indicators?${query(current)}">JSON</a></p>`;

  const publish: SafeHtml | string = input.published
    ? html`<section class="card" aria-labelledby="pub-h"><h2 id="pub-h">${it('publish')}</h2><ul class="publish">${input.choices
        .filter((code) => code !== '')
        .map((code) => {
          const on = input.published?.has(code) ?? false;
          return html`<li>${c.provinceName(code)}: ${on ? it('published') : it('notPublished')}
<form method="post" action="/api/v1/transparency" class="inline">
<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}"><input type="hidden" name="province" value="${code}">
<input type="hidden" name="enabled" value="${on ? 'false' : 'true'}">
<button type="submit" class="${on ? 'secondary' : ''}">${on ? it('publishOff') : it('publishOn')}</button></form></li>`;
        })}</ul></section>`
    : '';

  const body = html`<h1>${it('indicators')}</h1>
${form}
<p class="small">${it('period')}: <strong>${report.from} – ${report.to}</strong> · ${it('generatedAt')} ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC · ${it('received')} ${formatNumber(whole.received, language)}</p>
${downloads}
${whole.received === 0 ? html`<p class="empty">${it('noReports')}</p>` : ''}
${indicatorSection(c, rows)}
${funnelSection(c, whole)}
${periodSection(c, whole)}
${regencySection(c, whole)}
${serviceSection(c, whole)}
${definitionsSection(c)}
${publish}`;
  return renderDocument(layout({ title: it('indicators'), staff, language, body }));
}
