import type { Staff } from '../../auth/staff.js';
import type { GroupSummary, RatingSummary, SurveySummary } from '../../surveys/summarize-responses.js';
import type { SurveyLabels } from '../../surveys/survey-labels.js';
import type { SurveyComment } from '../../surveys/survey-results-service.js';
import { barChart } from '../charts/bar-chart.js';
import { formatNumber } from '../format-number.js';
import { formatLocalDate } from '../format-time.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { type SurveyTranslate, surveyTexts } from './survey-texts.js';

export interface SurveyResultsPageInput {
  surveyId: string;
  summary: SurveySummary;
  comments: SurveyComment[];
  /** This survey's campaigns, for the filter; the chosen one, if any. */
  campaigns: { id: string; name: string }[];
  campaignId: string | null;
  regencyName: (code: string) => string;
  /** Questions and answers as the flow words them. */
  labels: SurveyLabels;
}

/**
 * A survey's results: responses, completion, each answer's distribution as a server-drawn chart with
 * its numbers, the mean rating with its interval by regency and channel, and the comments (staff only;
 * hostile HTML, escaped by the template) each with a one-action "turn into a report".
 */
export function surveyResultsPage(staff: Staff, input: SurveyResultsPageInput): string {
  const st = surveyTexts(staff.language);
  const { summary } = input;
  const language = staff.language;
  const n = (value: number) => formatNumber(value, language);
  const decimal = (value: number | null) => (value === null ? '—' : formatNumber(value, language, 2));
  const percent = (value: number | null) =>
    value === null ? '—' : `${formatNumber(value * 100, language, 1)}\u00a0%`;
  const ratingText = (r: RatingSummary) =>
    r.mean === null
      ? '—'
      : r.low === null || r.high === null
        ? `${decimal(r.mean)} (n=${r.n})`
        : `${decimal(r.mean)} [${decimal(r.low)}–${decimal(r.high)}] (n=${r.n})`;
  const figure = (chart: SafeHtml, table: SafeHtml) =>
    html`<figure class="chart-figure">${chart}
<details class="numbers"><summary>${st('numbers')}</summary><div class="table-wrap">${table}</div></details></figure>`;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(input.campaignId ? { campaign: input.campaignId } : {}), ...extra }).toString();

  const filter = html`<form class="filters" method="get" action="/triage/surveys/${input.surveyId}/results">
<div class="filter-fields"><label>${st('campaign')}<select name="campaign">
<option value="">${st('allCampaigns')}</option>
${input.campaigns.map((c) => html`<option value="${c.id}" ${c.id === input.campaignId ? 'selected' : ''}>${c.name}</option>`)}
</select></label><button type="submit">${st('show')}</button></div></form>`;

  const rating = summary.questions.find((q) => q.rating)?.rating ?? null;
  const headline = html`<section class="card" aria-labelledby="overview-h"><h2 id="overview-h">${st('responses')}</h2>
<dl class="stats">
<div><dt>${st('responses')}</dt><dd><strong data-figure="responses">${n(summary.responses)}</strong></dd></div>
<div><dt>${st('completed')}</dt><dd><strong>${n(summary.completed)}</strong> · ${st('completionRate')} <strong data-figure="completion">${percent(summary.completionRate)}</strong></dd></div>
${
  rating
    ? html`<div><dt>${st('meanRating')}</dt><dd><strong data-figure="mean">${decimal(rating.mean)}</strong> · ${st('interval')} <strong data-figure="interval">${rating.low === null || rating.high === null ? '—' : `${decimal(rating.low)}–${decimal(rating.high)}`}</strong> (n=${n(rating.n)})</dd></div>`
    : ''
}
</dl>
<p class="small definition">${st('intervalNote')}</p>
<p class="downloads small">${st('download')}:
<a href="/api/v1/surveys/${input.surveyId}/results?${query({ format: 'csv' })}" download>CSV</a> ·
<a href="/api/v1/surveys/${input.surveyId}/results?${query({ format: 'xlsx' })}" download>XLSX</a> ·
<a href="/api/v1/surveys/${input.surveyId}/results?${query({})}">JSON</a></p>
</section>`;

  const questions = summary.questions
    .filter((q) => q.type !== 'text')
    .map((q) => {
      const bars = q.distribution.map((d) => ({
        label: input.labels.answer(q.name, d.value),
        value: d.count,
        text: q.answered ? `${n(d.count)} (${percent(d.count / q.answered)})` : n(d.count),
      }));
      const table = html`<table class="data"><thead><tr><th scope="col">${st('value')}</th><th scope="col">${st('count')}</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td>${b.value}</td></tr>`)}</tbody></table>`;
      return html`<section class="card question" aria-labelledby="q-${q.name}" data-question="${q.name}"><h2 id="q-${q.name}">${q.name}</h2>
<p class="small question-text">${input.labels.question(q.name)}</p>
<p class="small">${n(q.answered)} ${st('answered')}${q.rating ? html` · ${st('meanRating')} <strong>${ratingText(q.rating)}</strong>` : ''}</p>
${figure(barChart({ title: q.name, bars }), table)}</section>`;
    });

  const groups = (id: string, title: string, rows: GroupSummary[], name: (key: string) => string) => {
    const bars = rows.map((g) => ({
      label: name(g.key),
      value: g.rating.mean ?? 0,
      text: ratingText(g.rating),
    }));
    const table = html`<table class="data"><thead><tr><th scope="col">${title}</th><th scope="col">${st('responses')}</th><th scope="col">${st('completed')}</th><th scope="col">${st('meanRating')}</th><th scope="col">${st('interval')}</th></tr></thead>
<tbody>${rows.map(
      (g) =>
        html`<tr><th scope="row">${name(g.key)}</th><td>${g.responses}</td><td>${g.completed}</td><td>${decimal(g.rating.mean)}</td><td>${g.rating.low === null || g.rating.high === null ? '—' : `${decimal(g.rating.low)}–${decimal(g.rating.high)}`}</td></tr>`,
    )}</tbody></table>`;
    return html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>
${rating ? figure(barChart({ title: `${st('meanRating')}: ${title}`, bars, max: 5 }), table) : html`<div class="table-wrap">${table}</div>`}</section>`;
  };

  const body = html`<p class="small"><a href="/triage/campaigns">← ${st('campaigns')}</a></p>
<h1>${st('surveyResults')}: ${input.labels.title}</h1>
${filter}
${headline}
${summary.responses === 0 ? html`<p class="empty">${st('noResponses')}</p>` : ''}
${questions}
${groups('regency-h', st('byRegency'), summary.byRegency, (key) => (key === 'unknown' ? st('unknown') : input.regencyName(key)))}
${groups('channel-h', st('byChannel'), summary.byChannel, (key) => (key === 'whatsapp' ? 'WhatsApp' : key.toUpperCase()))}
${commentsSection(staff, st, input)}`;
  return renderDocument(layout({ title: st('surveyResults'), staff, language, body }));
}

function commentsSection(staff: Staff, st: SurveyTranslate, input: SurveyResultsPageInput): SafeHtml {
  const mayReport = staff.role !== 'viewer';
  return html`<section class="card" aria-labelledby="comments-h"><h2 id="comments-h">${st('comments')}</h2>
${
  input.comments.length
    ? html`<ul class="survey-comments">${input.comments.map(
        (c) => html`<li data-response="${c.responseId}">
<blockquote class="citizen-text">${c.text}</blockquote>
<p class="small">${formatLocalDate(c.startedAt, c.regencyCode?.slice(0, 2) ?? null, staff.language)} · ${c.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · ${c.regencyCode ? input.regencyName(c.regencyCode) : st('unknown')}</p>
${
  mayReport
    ? html`<form method="post" action="/triage/surveys/${input.surveyId}/comments/${c.responseId}/report" class="inline" data-action="comment-to-report">
<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}"><input type="hidden" name="question" value="${c.question}">
<button type="submit" class="secondary">${st('toReport')}</button></form>`
    : ''
}</li>`,
      )}</ul>`
    : html`<p class="empty">${st('noComments')}</p>`
}</section>`;
}
