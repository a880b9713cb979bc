import type { UiLanguage } from '../../auth/roles.js';
import type { CampaignProgress } from '../../surveys/campaign-service.js';
import { formatNumber } from '../format-number.js';
import { html, type SafeHtml } from '../html.js';
import type { SurveyTranslate } from './survey-texts.js';

/** "12 / 40" with a native progress bar: invitations handed to the provider out of the audience. */
export function campaignProgressBar(
  st: SurveyTranslate,
  progress: CampaignProgress,
  total: number,
  language: UiLanguage,
): SafeHtml {
  const n = (value: number) => formatNumber(value, language);
  return html`<span class="progress-line"><progress max="${Math.max(total, 1)}" value="${progress.sent}" aria-label="${st('progress')}">${progress.sent}</progress>
<span data-figure="progress">${n(progress.sent)} / ${n(total)}</span></span>`;
}
