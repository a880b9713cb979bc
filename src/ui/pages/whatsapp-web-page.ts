import type { Staff } from '../../auth/staff.js';
import type { WhatsappWebOverview } from '../../channels/whatsapp-web/whatsapp-web-link-service.js';
import { formatLocalTime } from '../format-time.js';
import { html, renderDocument, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { whatsappWebTexts } from './whatsapp-web-texts.js';

export const WHATSAPP_WEB_PAGE = '/triage/channels/whatsapp-web';
const RUNNING = new Set(['starting', 'qr', 'pairing-code']);

export function linkRunning(overview: WhatsappWebOverview): boolean {
  return overview.attempt !== null && RUNNING.has(overview.attempt.phase);
}

/**
 * Everything under the heading: the status and the link panel. The page's script fetches this part again
 * while a link is running (the QR code changes about every 20 s) and swaps it in.
 */
export function whatsappWebContent(
  staff: Staff,
  overview: WhatsappWebOverview,
  qrSvg: SafeHtml | null,
  error?: string,
): SafeHtml {
  const t = whatsappWebTexts(staff.language);
  const csrf = html`<input type="hidden" name="_csrf" value="${staff.csrfToken ?? ''}">`;
  const { attempt } = overview;
  const running = linkRunning(overview);
  const when = (iso: string) => formatLocalTime(new Date(iso), null, staff.language);

  const linkState = overview.linked
    ? html`<span class="badge ok">${t('linkedAs').replace('{number}', overview.linkedAs ?? '')}</span>`
    : overview.connectionKind === 'logged_out'
      ? html`<span class="badge late">${t('loggedOut')}</span>`
      : html`<span class="badge warn">${t('notLinked')}</span>`;

  const holder =
    overview.holder === null
      ? t('nobody')
      : running && overview.holder === attempt?.runner
        ? t('holderLinking').replace('{holder}', overview.holder)
        : overview.holder;
  const status = html`<section class="card" aria-labelledby="ww-status">
  <h2 id="ww-status">${t('statusHeading')}</h2>
  <dl class="facts">
    <dt>${t('session')}</dt><dd><code>${overview.session}</code></dd>
    <dt>${t('link')}</dt><dd data-testid="link-state">${linkState}</dd>
    <dt>${t('connection')}</dt><dd data-testid="connection">${t(`conn_${overview.connectionKind}`)}${
      overview.connection ? html` <span class="small">(${overview.connection})</span>` : ''
    }</dd>
    <dt>${t('holder')}</dt><dd data-testid="holder">${holder}</dd>
    <dt>${t('channel')}</dt><dd>${overview.enabled ? t('enabled') : t('disabled')}</dd>
  </dl>
</section>`;

  const startedBy = attempt
    ? html`<p class="small">${t('startedBy').replace('{who}', attempt.startedBy).replace('{when}', when(attempt.startedAt))}</p>`
    : '';
  const cancel = html`<form method="post" action="${WHATSAPP_WEB_PAGE}/link/cancel" class="inline" data-action="cancel-link">${csrf}<button type="submit" class="secondary">${t('cancel')}</button></form>`;

  const live = (): SafeHtml => {
    if (attempt?.phase === 'qr' && qrSvg)
      return html`<p>${t('scanQr')}</p><div class="qr-box" data-testid="qr">${qrSvg}</div>`;
    if (attempt?.phase === 'pairing-code')
      return html`<p>${t('enterPairingCode')}</p><p class="pairing-code" data-testid="pairing-code">${attempt.code ?? ''}</p>`;
    return html`<p aria-busy="true">${attempt?.method === 'pairing-code' ? t('waitingForPairing') : t('waitingForQr')}</p>`;
  };

  const outcome = (): SafeHtml | string => {
    if (attempt?.phase === 'linked')
      return html`<p class="notice" role="status" data-testid="outcome">${t('linkedOutcome').replace('{number}', attempt.linkedAs ?? '')}</p>`;
    if (attempt?.phase === 'failed')
      return html`<p class="error" role="status" data-testid="outcome">${t('failedOutcome').replace('{error}', attempt.error ?? '')}</p>`;
    return '';
  };

  const forms = html`<p class="small">${t('linkIntro')}</p>
<div class="link-forms">
  <form method="post" action="${WHATSAPP_WEB_PAGE}/link" data-action="link-qr">${csrf}
    <input type="hidden" name="method" value="qr">
    ${overview.linked ? html`<label class="check"><input type="checkbox" name="relink" value="true"> ${t('relink')}</label>` : ''}
    <button type="submit">${t('startQr')}</button>
  </form>
  <form method="post" action="${WHATSAPP_WEB_PAGE}/link" data-action="link-pairing-code">${csrf}
    <input type="hidden" name="method" value="pairing-code">
    <label for="ww-phone">${t('phone')}</label>
    <input id="ww-phone" name="phone" inputmode="tel" autocomplete="off" maxlength="24" placeholder="${t('phoneHint')}">
    ${overview.linked ? html`<label class="check"><input type="checkbox" name="relink" value="true"> ${t('relink')}</label>` : ''}
    <button type="submit" class="secondary">${t('startPairing')}</button>
  </form>
</div>`;

  const panel = html`<section class="card" aria-labelledby="ww-link" aria-live="polite">
  <h2 id="ww-link">${t('linkHeading')}</h2>
  ${error ? html`<p class="error" role="alert" data-testid="refusal">${error}</p>` : ''}
  ${running ? html`${live()}${startedBy}${cancel} <a href="${WHATSAPP_WEB_PAGE}">${t('reload')}</a>` : html`${outcome()}${forms}`}
</section>`;

  return html`${status}${panel}`;
}

/** The admin page for the linked WhatsApp number: its status, and linking by QR code or pairing code. */
export function whatsappWebPage(
  staff: Staff,
  overview: WhatsappWebOverview,
  qrSvg: SafeHtml | null,
  error?: string,
): string {
  const t = whatsappWebTexts(staff.language);
  const body = html`
<h1>${t('title')}</h1>
<p class="small">${t('intro')}</p>
<div data-whatsapp-web="${WHATSAPP_WEB_PAGE}/link" data-running="${linkRunning(overview) ? 'true' : 'false'}">
${whatsappWebContent(staff, overview, qrSvg, error)}
</div>`;
  return renderDocument(
    layout({
      title: t('title'),
      staff,
      language: staff.language,
      body,
      scripts: ['whatsapp-web-link.js'],
    }),
  );
}
