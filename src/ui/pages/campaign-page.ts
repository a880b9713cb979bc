import type { Staff } from '../../auth/staff.js';
import type { CampaignView } from '../../surveys/campaign-service.js';
import { formatNumber } from '../format-number.js';
import { formatLocalTime } from '../format-time.js';
import { html, renderDocument } from '../html.js';
import { label, translator } from '../i18n.js';
import { layout } from '../layout.js';
import { campaignProgressBar } from './campaign-progress.js';
import { campaignStatusText, surveyTexts } from './survey-texts.js';

/** Which actions a campaign in each status offers (the service refuses the others anyway). */
const ACTIONS = [
  { action: 'pause', from: ['scheduled', 'sending'] },
  { action: 'resume', from: ['paused'] },
  { action: 'cancel', from: ['scheduled', 'sending', 'paused'] },
] as const;

/** One campaign: its audience, estimate and sending progress, with pause, resume and cancel. */
export function campaignPage(
  staff: Staff,
  view: CampaignView,
  extras: { surveyTitle: string; provinceName: (code: string) => string; error?: string },
): string {
  const st = surveyTexts(staff.language);
  const t = translator(staff.language);
  const { campaign, progress } = view;
  const n = (value: number) => formatNumber(value, staff.language);
  const audience = campaign.audience;
  const actions =
    staff.role === 'viewer'
      ? ''
      : ACTIONS.filter(({ from }) => from.some((status) => status === campaign.status)).map(
          ({
            action,
          }) => html`<form method="post" action="/triage/campaigns/${campaign.id}/${action}" class="inline" data-action="${action}">
<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">
<button type="submit" class="${action === 'cancel' ? 'secondary' : ''}">${st(action)}</button></form> `,
        );
  const body = html`<p class="small"><a href="/triage/campaigns">← ${st('campaigns')}</a></p>
<h1>${campaign.name}</h1>
${extras.error ? html`<p class="error card" role="alert">${extras.error}</p>` : ''}
<section class="card" aria-labelledby="campaign-h"><h2 id="campaign-h">${extras.surveyTitle}</h2>
<dl class="stats">
<div><dt>${st('status')}</dt><dd><strong class="badge campaign-${campaign.status}" data-testid="campaign-status">${campaignStatusText(st, campaign.status)}</strong></dd></div>
<div><dt>${st('progress')}</dt><dd>${campaignProgressBar(st, progress, campaign.estimate.recipients, staff.language)}</dd></div>
<div><dt>${st('estimate')}</dt><dd>${n(campaign.estimate.recipients)} ${st('recipients').toLowerCase()} · ${n(campaign.estimate.sms)} SMS · ${campaign.estimate.currency} ${n(campaign.estimate.cost)}</dd></div>
<div><dt>${st('startAt')}</dt><dd>${formatLocalTime(campaign.startAt, campaign.provinceCode, staff.language)}</dd></div>
</dl>
<div class="table-wrap"><table class="data"><tbody>
<tr><th scope="row">${st('province')}</th><td>${extras.provinceName(campaign.provinceCode)}</td></tr>
<tr><th scope="row">${st('regencies')}</th><td>${audience.regencies.map((code) => extras.provinceName(code)).join(', ') || '—'}</td></tr>
<tr><th scope="row">${st('category')}</th><td>${audience.category ? label(t, audience.category) : st('anyCategory')}</td></tr>
<tr><th scope="row">${st('reportedFrom')}</th><td>${audience.from ?? '—'} – ${audience.to ?? '—'}</td></tr>
<tr><th scope="row">${st('created')}</th><td>${formatLocalTime(campaign.createdAt, campaign.provinceCode, staff.language)}</td></tr>
</tbody></table></div>
<div class="table-wrap"><table class="data progress-table"><thead><tr>${(['pending', 'sent', 'delivered', 'failed', 'skipped', 'cancelled'] as const).map((key) => html`<th scope="col">${st(key)}</th>`)}</tr></thead>
<tbody><tr>${(['pending', 'sent', 'delivered', 'failed', 'skipped', 'cancelled'] as const).map((key) => html`<td data-count="${key}">${n(progress[key])}</td>`)}</tr></tbody></table></div>
<p class="actions">${actions}</p>
<p><a href="/triage/surveys/${campaign.surveyId}/results?campaign=${campaign.id}">${st('results')} →</a></p>
</section>`;
  return renderDocument(layout({ title: campaign.name, staff, language: staff.language, body }));
}
