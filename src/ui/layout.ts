import type { UiLanguage } from '../auth/roles.js';
import type { Staff } from '../auth/staff.js';
import { html, type SafeHtml } from './html.js';
import { translator } from './i18n.js';
import { partnerTexts } from './pages/partner-texts.js';
import { surveyTexts } from './pages/survey-texts.js';

/** The page frame: header with navigation, the user's name, language switch and sign-out. */
export function layout(options: {
  title: string;
  staff: Staff | null;
  language: UiLanguage;
  body: SafeHtml;
  /** Extra scripts of this page, served from /triage/assets/ like the workspace's own. */
  scripts?: string[];
}): SafeHtml {
  const { staff, language } = options;
  const t = translator(language);
  const nav = staff
    ? html`<nav aria-label="main">
        <a href="/triage">${t('inbox')}</a>
        <a href="/triage/indicators">${t('indicators')}</a>
        <a href="/triage/campaigns">${surveyTexts(language)('campaigns')}</a>
        ${staff.role === 'admin' ? html`<a href="/triage/users">${t('users')}</a>` : ''}
        ${staff.role === 'admin' ? html`<a href="/triage/audit">${t('audit')}</a>` : ''}
        ${staff.role === 'admin' ? html`<a href="/triage/partners">${partnerTexts(language)('partners')}</a>` : ''}
        ${staff.role === 'admin' ? html`<a href="/triage/channels/whatsapp-web">WhatsApp Web</a>` : ''}
        <span class="who">${staff.name} · ${staff.role}</span>
        <form method="post" action="/api/v1/me/language" class="inline">
          <input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">
          <input type="hidden" name="language" value="${language === 'id' ? 'en' : 'id'}">
          <button type="submit" class="link" lang="${language === 'id' ? 'en' : 'id'}">${language === 'id' ? 'English' : 'Bahasa Indonesia'}</button>
        </form>
        <form method="post" action="/triage/logout" class="inline">
          <input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">
          <button type="submit" class="link">${t('signOut')}</button>
        </form>
        <form method="post" action="/triage/logout-everywhere" class="inline">
          <input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">
          <button type="submit" class="link" title="${t('signOutEverywhere')}">${t('signOutEverywhere')}</button>
        </form>
      </nav>`
    : '';
  return html`<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Suara</title>
<link rel="stylesheet" href="/triage/assets/triage.css">
<script src="/triage/assets/triage.js" defer></script>
${(options.scripts ?? []).map((name) => html`<script src="/triage/assets/${name}" defer></script>`)}
</head>
<body>
<header><a class="brand" href="/triage">Suara</a>${nav}</header>
<main id="main">${options.body}</main>
</body>
</html>`;
}
