import type { Staff } from '../../auth/staff.js';
import type { PartnerOverview } from '../../exports/partner-service.js';
import { formatLocalTime } from '../format-time.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { label, translator } from '../i18n.js';
import { layout } from '../layout.js';
import { partnerTexts } from './partner-texts.js';

export interface PartnerDraft {
  name: string;
  contact: string;
  provinces: string;
  categories: string;
  withText: boolean;
}

export const EMPTY_PARTNER_DRAFT: PartnerDraft = {
  name: '',
  contact: '',
  provinces: '',
  categories: '',
  withText: false,
};

export interface PartnersPageExtras {
  /** A key just issued: shown on this one answer only, never put in a URL. */
  newKey?: { partner: string; key: string };
  error?: string;
  draft?: PartnerDraft;
}

/** The partner organisations (admins): their export scope, their keys, and the forms that change them. */
export function partnersPage(
  staff: Staff,
  partners: PartnerOverview[],
  extras: PartnersPageExtras = {},
): string {
  const t = partnerTexts(staff.language);
  const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">`;
  const when = (time: Date | null) => (time ? formatLocalTime(time, null, staff.language) : t('never'));
  const words = translator(staff.language);
  const list = (values: string[]) =>
    values.length ? values.map((value) => label(words, value)).join(', ') : t('all');
  const draft = extras.draft ?? EMPTY_PARTNER_DRAFT;

  const keysTable = (partner: PartnerOverview): SafeHtml =>
    html`<table class="data keys">
  <thead><tr><th scope="col">${t('keys')}</th><th scope="col">${t('created')}</th><th scope="col">${t('lastUsed')}</th><th scope="col">${t('revoked')}</th><th scope="col"></th></tr></thead>
  <tbody>${partner.keys.map(
    (key) => html`<tr data-key="${key.prefix}">
    <th scope="row"><code>${key.prefix}…</code></th>
    <td>${when(key.createdAt)}</td>
    <td>${when(key.lastUsedAt)}</td>
    <td>${key.revokedAt ? when(key.revokedAt) : html`<span class="badge ok">${t('active')}</span>`}</td>
    <td>${
      key.revokedAt
        ? ''
        : html`<form method="post" action="/triage/partners/${partner.id}/keys/revoke" class="inline" data-action="revoke">${csrf}<input type="hidden" name="prefix" value="${key.prefix}"><button type="submit" class="secondary">${t('revoke')}<span class="visually-hidden"> ${key.prefix}</span></button></form>`
    }</td>
  </tr>`,
  )}</tbody>
</table>`;

  const partnerCard = (partner: PartnerOverview): SafeHtml =>
    html`<section class="card partner" data-partner="${partner.name}" aria-labelledby="partner-${partner.id}">
  <h2 id="partner-${partner.id}">${partner.name}</h2>
  <dl class="facts">
    <dt>${t('contact')}</dt><dd>${partner.contact ?? '—'}</dd>
    <dt>${t('provinces')}</dt><dd>${list(partner.provinces)}</dd>
    <dt>${t('categories')}</dt><dd>${list(partner.categories)}</dd>
    <dt>${t('statuses')}</dt><dd>${list(partner.statuses)}</dd>
    <dt>${t('withText')}</dt><dd>${partner.withText ? t('yes') : t('no')}</dd>
  </dl>
  <div class="table-wrap">${keysTable(partner)}</div>
  <form method="post" action="/triage/partners/${partner.id}/keys" class="inline" data-action="new-key">${csrf}<button type="submit">${t('newKey')}<span class="visually-hidden"> ${partner.name}</span></button></form>
</section>`;

  const body = html`
<h1>${t('partners')}</h1>
<p class="small">${t('partnersIntro')}</p>
${
  extras.newKey
    ? html`<section class="card one-time-link" role="status">
  <p>${t('keyOnce').replace('{name}', extras.newKey.partner)}</p>
  <p><code class="secret" data-testid="partner-key">${extras.newKey.key}</code></p>
</section>`
    : ''
}
${extras.error ? html`<p class="error card" role="alert">${extras.error}</p>` : ''}
${partners.length ? partners.map(partnerCard) : html`<p class="card">${t('noPartners')}</p>`}
<section class="card" aria-labelledby="create-partner"><h2 id="create-partner">${t('createPartner')}</h2>
<form method="post" action="/triage/partners" data-action="create-partner">
  ${csrf}
  <div class="fields">
    <div><label for="partner-name">${t('name')}</label>
      <input id="partner-name" name="name" required maxlength="200" autocomplete="off" value="${draft.name}"></div>
    <div><label for="partner-contact">${t('contact')}</label>
      <input id="partner-contact" name="contact" maxlength="320" autocomplete="off" value="${draft.contact}"></div>
    <div><label for="partner-provinces">${t('provinces')}</label>
      <input id="partner-provinces" name="provinces" maxlength="200" placeholder="64, 74" aria-describedby="partner-provinces-hint" value="${draft.provinces}">
      <p class="small" id="partner-provinces-hint">${t('provincesHint')}</p></div>
    <div><label for="partner-categories">${t('categories')}</label>
      <input id="partner-categories" name="categories" maxlength="200" placeholder="licensing, revenue" aria-describedby="partner-categories-hint" value="${draft.categories}">
      <p class="small" id="partner-categories-hint">${t('categoriesHint')}</p></div>
  </div>
  <label class="check"><input type="checkbox" name="withText" value="true" ${draft.withText ? 'checked' : ''}> ${t('withText')}</label>
  <button type="submit">${t('create')}</button>
</form>
</section>`;
  return renderDocument(layout({ title: t('partners'), staff, language: staff.language, body }));
}
