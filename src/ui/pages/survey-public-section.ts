import type { UiLanguage } from '../../auth/roles.js';
import type { PublicSurvey } from '../../surveys/public-survey-results.js';
import { formatNumber } from '../format-number.js';
import { html, type SafeHtml } from '../html.js';

const SUPPRESSED = '< 5';

const TEXTS = {
  id: {
    heading: 'Kartu penilaian warga',
    intro:
      'Nilai 1–5 yang diberikan warga lewat SMS/WhatsApp (5 = sangat baik), 12 bulan terakhir. Jumlah di bawah 5 ditampilkan sebagai "< 5"; rata-rata hanya dari 5 nilai atau lebih.',
    province: 'Provinsi',
    total: 'Jumlah',
    mean: 'Rata-rata',
    rating: 'Nilai',
  },
  en: {
    heading: "Citizens' scorecards",
    intro:
      'Ratings 1–5 given by citizens by SMS/WhatsApp (5 = very good), last 12 months. Counts under 5 show as "< 5"; means only from 5 ratings or more.',
    province: 'Province',
    total: 'Total',
    mean: 'Mean',
    rating: 'Rating',
  },
} as const;

/** The scorecards on the public transparency page: aggregates only, with the page's small-cell rule. */
export function surveyPublicSection(
  surveys: readonly PublicSurvey[],
  language: UiLanguage,
  provinceName: (code: string) => string,
): SafeHtml | string {
  if (surveys.length === 0) return '';
  const t = TEXTS[language];
  const n = (value: number | null) => (value === null ? SUPPRESSED : formatNumber(value, language));
  const mean = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : formatNumber(value, language, 2);
  return html`<section class="card" aria-labelledby="scorecards-h"><h2 id="scorecards-h">${t.heading}</h2>
<p class="small">${t.intro}</p>
${surveys.map(
  (
    survey,
  ) => html`<div class="table-wrap" data-survey="${survey.surveyId}"><table class="data"><caption>${survey.title[language]}</caption>
<thead><tr><th scope="col">${t.province}</th>${survey.values.map((v) => html`<th scope="col">${t.rating} ${v}</th>`)}<th scope="col">${t.total}</th><th scope="col">${t.mean}</th></tr></thead>
<tbody>${survey.provinceCodes.map(
    (code, r) =>
      html`<tr><th scope="row">${provinceName(code)}</th>${(survey.table.cells[r] ?? []).map((cell) => html`<td>${n(cell)}</td>`)}<td>${n(survey.table.rowTotals[r] ?? null)}</td><td>${mean(survey.means[r])}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">${t.total}</th>${survey.table.columnTotals.map((cell) => html`<td>${n(cell)}</td>`)}<td>${n(survey.table.total)}</td><td>${mean(survey.means[survey.provinceCodes.length])}</td></tr></tfoot>
</table></div>`,
)}
</section>`;
}
