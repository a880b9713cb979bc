import type { PlaceHintRow } from '../../db/schema/media.js';
import type { ReportMediaItem } from '../../media/report-media.js';
import { html, type SafeHtml } from '../html.js';
import type { MessageKey, Translate } from '../i18n.js';

const REFUSALS: Record<string, MessageKey> = {
  too_large: 'mediaTooLarge',
  type_not_allowed: 'mediaTypeNotAllowed',
  unreadable_image: 'mediaUnreadable',
};

/** The report's attachments: a link to each stored one, the state of the others (why, when refused or failed). */
export function reportMediaList(
  t: Translate,
  code: string,
  items: readonly ReportMediaItem[],
): SafeHtml | null {
  if (!items.length) return null;
  return html`<ul class="media-list">${items.map((item) => mediaItem(t, code, item))}</ul>`;
}

function mediaItem(t: Translate, code: string, item: ReportMediaItem): SafeHtml {
  const name = `${item.contentType ?? 'media'} #${item.index + 1}`;
  const href = `/triage/reports/${code}/media/${item.index}`;
  switch (item.status) {
    case 'stored':
      return html`<li data-media-status="stored"><a href="${href}">${name}</a>${item.sizeBytes === null ? '' : html` <span class="small">${formatBytes(item.sizeBytes)}</span>`}</li>`;
    case 'link':
      return html`<li data-media-status="link"><a href="${href}">${name}</a> <span class="small">${t('mediaLink')}</span></li>`;
    case 'pending':
      return html`<li data-media-status="pending">${name} <span class="badge">${t('mediaPending')}</span>${item.attempts ? html` <span class="small">${item.attempts} ${t('mediaAttempts')}${item.failureReason ? html` · ${item.failureReason}` : ''}</span>` : ''}</li>`;
    case 'failed':
      return html`<li data-media-status="failed">${name} <span class="badge warn">${t('mediaFailed')}</span> <span class="small">${item.attempts} ${t('mediaAttempts')}${item.failureReason ? html` · ${item.failureReason}` : ''}</span></li>`;
    case 'refused':
      return html`<li data-media-status="refused">${name} <span class="badge warn">${t(REFUSALS[item.refusalReason ?? ''] ?? 'mediaTypeNotAllowed')}</span>${item.sizeBytes === null ? '' : html` <span class="small">${formatBytes(item.sizeBytes)}</span>`}</li>`;
  }
}

/** Positions the citizen's messages carried (a photo's GPS, a shared location): hints, never applied. */
export function placeHintList(t: Translate, hints: readonly PlaceHintRow[]): SafeHtml | null {
  if (!hints.length) return null;
  return html`<ul class="place-hints">${hints.map((hint) => {
    const lat = hint.latitude.toFixed(5);
    const lon = hint.longitude.toFixed(5);
    const map = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=15/${lat}/${lon}`;
    return html`<li data-place-hint="${lat},${lon}"><a href="${map}" rel="noopener noreferrer" target="_blank">${lat}, ${lon}</a> <span class="small">${t(hint.source === 'photo_exif' ? 'placeFromPhoto' : 'placeShared')}</span></li>`;
  })}</ul>`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
