import type { UiLanguage } from '../../auth/roles.js';
import { CATEGORIES } from '../../classifier/classification.js';
import { INDICATOR_CATEGORIES } from '../../indicators/indicator-report.js';
import { indicatorTexts } from '../../indicators/indicator-texts.js';
import type { SuppressedTable } from '../../indicators/suppress-small-cells.js';
import { PUBLIC_STAGES, type PublicFigures } from '../../indicators/transparency-service.js';
import type { PublicSurvey } from '../../surveys/public-survey-results.js';
import { formatNumber } from '../format-number.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { label, translator } from '../i18n.js';
import { layout } from '../layout.js';
import { surveyPublicSection } from './survey-public-section.js';

const SUPPRESSED = '< 5';

/** The public transparency page: aggregates of the published provinces, nothing else. */
export function transparencyPage(
  figures: PublicFigures | null,
  language: UiLanguage,
  provinceName: (code: string) => string,
  surveys: readonly PublicSurvey[] = [],
): string {
  const t = translator(language);
  const it = indicatorTexts(language);
  const n = (value: number | null) => (value === null ? SUPPRESSED : formatNumber(value, language));
  const table = (
    caption: string,
    rowLabels: string[],
    data: SuppressedTable,
    totalColumn: boolean,
  ): SafeHtml =>
    html`<div class="table-wrap"><table class="data"><caption>${caption}</caption>
<thead><tr><th scope="col"></th>${CATEGORIES.map((c) => html`<th scope="col">${label(t, c)}</th>`)}${totalColumn ? html`<th scope="col">${it('total')}</th>` : ''}</tr></thead>
<tbody>${rowLabels.map(
      (rowLabel, r) =>
        html`<tr><th scope="row">${rowLabel}</th>${(data.cells[r] ?? []).map((cell) => html`<td>${n(cell)}</td>`)}${totalColumn ? html`<td>${n(data.rowTotals[r] ?? null)}</td>` : ''}</tr>`,
    )}</tbody>
${
  data.columnTotals.some((v) => v !== null)
    ? html`<tfoot><tr><th scope="row">${it('total')}</th>${data.columnTotals.map((cell) => html`<td>${n(cell)}</td>`)}${totalColumn ? html`<td>${n(data.total)}</td>` : ''}</tr></tfoot>`
    : ''
}</table></div>`;

  const body = figures
    ? html`<h1>${it('publicTitle')}</h1>
<p>${it('publicIntro')}</p>
<p class="small">${it('last12Months')}: ${figures.from} – ${figures.to} · ${it('generatedAt')} ${figures.generatedAt.slice(0, 16).replace('T', ' ')} UTC
· <a href="?lang=${language === 'id' ? 'en' : 'id'}">${language === 'id' ? 'English' : 'Bahasa Indonesia'}</a></p>
${figures.provinces.map(
  (p) => html`<section class="card"><h2>${provinceName(p.provinceCode)}</h2>
<div class="indicator-grid">${INDICATOR_CATEGORIES.map((category) => {
    const ratio = p.indicators[category];
    return html`<div class="indicator"><h3>${it(`indicator_${category}`)}</h3>
<p class="big">${ratio.percent === null ? '—' : `${formatNumber(ratio.percent, language, 1)} %`}</p>
<p class="small">${n(ratio.followedUp)} / ${n(ratio.identified)}</p></div>`;
  })}</div>
${table(it('perPeriod'), p.months, p.byMonth, true)}
${table(
  it('stage'),
  PUBLIC_STAGES.map((stage) => it(stage)),
  p.byStage,
  true,
)}
</section>`,
)}
${surveyPublicSection(surveys, language, provinceName)}
<section class="card"><h2>${it('definitions')}</h2><ul class="definitions">
<li>${it('def_identified')}</li><li>${it('def_followedUp')}</li><li>${it('def_period')}</li></ul></section>`
    : html`<h1>${it('publicTitle')}</h1><p class="empty">${it('publicNone')}</p>`;
  return renderDocument(layout({ title: it('publicTitle'), staff: null, language, body }));
}
