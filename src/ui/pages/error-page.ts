import type { UiLanguage } from '../../auth/roles.js';
import { html, renderDocument } from '../html.js';
import { translator } from '../i18n.js';
import { layout } from '../layout.js';

export function renderErrorPage(status: number, message: string, language: UiLanguage): string {
  const t = translator(language);
  const title = status === 404 ? t('notFound') : t('error');
  return renderDocument(
    layout({
      title,
      staff: null,
      language,
      body: html`<section class="card"><h1>${title}</h1><p role="alert">${message}</p>
        <p><a href="/triage">${t('inbox')}</a></p></section>`,
    }),
  );
}
