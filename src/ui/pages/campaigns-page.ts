import type { Staff } from '../../auth/staff.js';
import { CATEGORIES } from '../../classifier/classification.js';
import type { CampaignPreview, CampaignView } from '../../surveys/campaign-service.js';
import { formatNumber } from '../format-number.js';
import { formatLocalTime } from '../format-time.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { label, translator } from '../i18n.js';
import { layout } from '../layout.js';
import { campaignProgressBar } from './campaign-progress.js';
import { campaignStatusText, type SurveyTranslate, surveyTexts } from './survey-texts.js';

/** The new-campaign form as typed: kept through the preview and an error. */
export interface CampaignDraft {
  name: string;
  surveyId: string;
  provinceCode: string;
  regencies: string[];
  category: string;
  from: string;
  to: string;
  /** Local wall-clock time of the province, `YYYY-MM-DDTHH:MM`; empty: now. */
  startAt: string;
}

export const EMPTY_CAMPAIGN_DRAFT: CampaignDraft = {
  name: '',
  surveyId: '',
  provinceCode: '',
  regencies: [],
  category: '',
  from: '',
  to: '',
  startAt: '',
};

export interface CampaignsPageInput {
  campaigns: CampaignView[];
  surveys: { id: string; title: { id: string; en: string } }[];
  /** Provinces the person may send to, with their regencies. */
  provinces: { code: string; name: string; regencies: { code: string; name: string }[] }[];
  provinceName: (code: string) => string;
  draft?: CampaignDraft;
  preview?: CampaignPreview;
  error?: string;
}

/** Scorecard campaigns: the list with progress, and the form that previews the cost before creating. */
export function campaignsPage(staff: Staff, input: CampaignsPageInput): string {
  const st = surveyTexts(staff.language);
  const mayCreate = staff.role !== 'viewer';
  const title = (id: string) => {
    const survey = input.surveys.find((s) => s.id === id);
    return survey ? survey.title[staff.language] : id;
  };
  const list = input.campaigns.length
    ? html`<div class="table-wrap"><table class="data campaigns">
<thead><tr><th scope="col">${st('name')}</th><th scope="col">${st('survey')}</th><th scope="col">${st('province')}</th><th scope="col">${st('status')}</th><th scope="col">${st('progress')}</th><th scope="col">${st('startAt')}</th><th scope="col">${st('results')}</th></tr></thead>
<tbody>${input.campaigns.map(
        ({ campaign, progress }) => html`<tr data-campaign="${campaign.id}">
<th scope="row"><a href="/triage/campaigns/${campaign.id}">${campaign.name}</a></th>
<td>${title(campaign.surveyId)}</td>
<td>${input.provinceName(campaign.provinceCode)}</td>
<td><span class="badge campaign-${campaign.status}">${campaignStatusText(st, campaign.status)}</span></td>
<td>${campaignProgressBar(st, progress, campaign.estimate.recipients, staff.language)}</td>
<td>${formatLocalTime(campaign.startAt, campaign.provinceCode, staff.language)}</td>
<td><a href="/triage/surveys/${campaign.surveyId}/results?campaign=${campaign.id}">${st('results')}</a></td>
</tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">${st('noCampaigns')}</p>`;

  const body = html`<h1>${st('campaigns')}</h1>
<p class="small">${st('campaignsIntro')}</p>
<p class="small">${input.surveys.map((s) => html`<a href="/triage/surveys/${s.id}/results">${st('results')}: ${s.title[staff.language]}</a> `)}</p>
${input.error ? html`<p class="error card" role="alert">${input.error}</p>` : ''}
${input.preview && input.draft ? previewCard(staff, st, input.preview, input.draft) : ''}
<section class="card" aria-labelledby="campaigns-h"><h2 id="campaigns-h">${st('campaigns')}</h2>${list}</section>
${mayCreate ? campaignForm(staff, st, input) : html`<p class="small">${st('readOnly')}</p>`}`;
  return renderDocument(layout({ title: st('campaigns'), staff, language: staff.language, body }));
}

function hiddenDraft(draft: CampaignDraft): SafeHtml {
  return html`<input type="hidden" name="name" value="${draft.name}">
<input type="hidden" name="surveyId" value="${draft.surveyId}">
<input type="hidden" name="provinceCode" value="${draft.provinceCode}">
${draft.regencies.map((code) => html`<input type="hidden" name="regencies" value="${code}">`)}
<input type="hidden" name="category" value="${draft.category}">
<input type="hidden" name="from" value="${draft.from}">
<input type="hidden" name="to" value="${draft.to}">
<input type="hidden" name="startAt" value="${draft.startAt}">`;
}

function previewCard(staff: Staff, st: SurveyTranslate, preview: CampaignPreview, draft: CampaignDraft) {
  const n = (value: number) => formatNumber(value, staff.language);
  const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">`;
  return html`<section class="card preview" aria-labelledby="preview-h" data-testid="campaign-preview">
<h2 id="preview-h">${st('previewTitle')}: ${draft.name}</h2>
<dl class="stats">
<div><dt>${st('recipients')}</dt><dd><strong data-figure="recipients">${n(preview.recipients)}</strong></dd></div>
<div><dt>${st('sms')}</dt><dd><strong data-figure="sms">${n(preview.sms)}</strong></dd></div>
<div><dt>${st('cost')}</dt><dd><strong data-figure="cost">${preview.currency} ${n(preview.cost)}</strong></dd></div>
</dl>
<p>${st('startAt')}: <strong data-figure="start">${formatLocalTime(new Date(preview.startAt), draft.provinceCode, staff.language)}</strong></p>
${preview.unpricedProviders.length ? html`<p class="small">${st('unpriced')}: ${preview.unpricedProviders.join(', ')}</p>` : ''}
<p class="small">${st('invitation')}:</p>
<blockquote class="citizen-text">${preview.invitation.id}</blockquote>
${
  preview.recipients > 0
    ? html`<form method="post" action="/triage/campaigns" class="inline" data-action="create-campaign">${csrf}${hiddenDraft(draft)}
<button type="submit">${st('createAndSend')}</button></form>`
    : html`<p class="notice">${st('noRecipients')}</p>`
}
</section>`;
}

function campaignForm(staff: Staff, st: SurveyTranslate, input: CampaignsPageInput): SafeHtml {
  const t = translator(staff.language);
  const draft = input.draft ?? EMPTY_CAMPAIGN_DRAFT;
  const province = draft.provinceCode || input.provinces[0]?.code || '';
  return html`<section class="card" aria-labelledby="new-campaign-h"><h2 id="new-campaign-h">${st('newCampaign')}</h2>
<form method="post" action="/triage/campaigns/preview" class="campaign-form" data-action="preview-campaign">
<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">
<div class="fields">
<div><label for="campaign-name">${st('name')}</label>
<input id="campaign-name" name="name" required maxlength="120" autocomplete="off" value="${draft.name}"></div>
<div><label for="campaign-survey">${st('survey')}</label>
<select id="campaign-survey" name="surveyId" required>${input.surveys.map(
    (s) =>
      html`<option value="${s.id}" ${s.id === draft.surveyId ? 'selected' : ''}>${s.title[staff.language]}</option>`,
  )}</select></div>
<div><label for="campaign-province">${st('province')}</label>
<select id="campaign-province" name="provinceCode" required>${input.provinces.map(
    (p) => html`<option value="${p.code}" ${p.code === province ? 'selected' : ''}>${p.name}</option>`,
  )}</select></div>
<div><label for="campaign-start">${st('startAt')}</label>
<input id="campaign-start" name="startAt" type="datetime-local" value="${draft.startAt}" aria-describedby="campaign-start-hint">
<p class="small" id="campaign-start-hint">${st('startHint')}</p></div>
</div>
<fieldset class="audience"><legend>${st('audience')}</legend>
<p class="small">${st('audienceHint')}</p>
${input.provinces.map(
  (
    p,
  ) => html`<fieldset class="regencies" data-province="${p.code}"><legend>${st('regencies')} · ${p.name}</legend>
${p.regencies.map(
  (r) =>
    html`<label class="check"><input type="checkbox" name="regencies" value="${r.code}" ${draft.regencies.includes(r.code) ? 'checked' : ''}> ${r.name}</label>`,
)}</fieldset>`,
)}
<div class="fields">
<div><label for="campaign-category">${st('category')}</label>
<select id="campaign-category" name="category"><option value="">${st('anyCategory')}</option>${CATEGORIES.map(
    (c) => html`<option value="${c}" ${c === draft.category ? 'selected' : ''}>${label(t, c)}</option>`,
  )}</select></div>
<div><label for="campaign-from">${st('reportedFrom')}</label><input id="campaign-from" name="from" type="date" value="${draft.from}"></div>
<div><label for="campaign-to">${st('reportedTo')}</label><input id="campaign-to" name="to" type="date" value="${draft.to}"></div>
</div>
</fieldset>
<button type="submit">${st('preview')}</button>
</form></section>`;
}
