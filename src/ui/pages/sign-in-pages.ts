import type { UiLanguage } from '../../auth/roles.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { translator } from '../i18n.js';
import { layout } from '../layout.js';

function page(language: UiLanguage, title: string, body: SafeHtml): string {
  return renderDocument(layout({ title, staff: null, language, body }));
}

export function loginPage(options: {
  language: UiLanguage;
  error?: string;
  next?: string;
  notice?: string;
}): string {
  const t = translator(options.language);
  return page(
    options.language,
    t('signIn'),
    html`<section class="card narrow">
      <h1>${t('signIn')}</h1>
      ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
      ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
      <form method="post" action="/triage/login">
        <input type="hidden" name="next" value="${options.next ?? '/triage'}">
        <label for="email">${t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required autofocus>
        <label for="password">${t('password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">${t('signIn')}</button>
      </form>
    </section>`,
  );
}

export function secondFactorPage(options: {
  language: UiLanguage;
  csrf: string;
  enrol: { secret: string; uri: string } | null;
  error?: string;
}): string {
  const t = translator(options.language);
  return page(
    options.language,
    t('code'),
    html`<section class="card narrow">
      <h1>${options.enrol ? t('enrolTitle') : t('code')}</h1>
      ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
      ${
        options.enrol
          ? html`<p>${t('enrolHelp')}</p><p><code class="secret" data-testid="totp-secret">${options.enrol.secret}</code></p>
            <p class="small"><code>${options.enrol.uri}</code></p>`
          : html`<p>${t('codeHelp')}</p>`
      }
      <form method="post" action="/triage/login/code">
        <input type="hidden" name="_csrf" value="${options.csrf}">
        <label for="code">${t('code')}</label>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required autofocus>
        <button type="submit">${t('signIn')}</button>
      </form>
    </section>`,
  );
}

export function setPasswordPage(options: { language: UiLanguage; token: string; error?: string }): string {
  const t = translator(options.language);
  return page(
    options.language,
    t('setPassword'),
    html`<section class="card narrow">
      <h1>${t('setPassword')}</h1>
      ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
      <form method="post" action="/triage/set-password">
        <input type="hidden" name="token" value="${options.token}">
        <label for="password">${t('newPassword')}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required autofocus>
        <button type="submit">${t('save')}</button>
      </form>
    </section>`,
  );
}
