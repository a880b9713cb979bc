import type { MediaRef } from '../../db/schema/messages.js';
import type { MediaFetchResult } from '../../media/media-source.js';
import type { PiiCipher } from '../../privacy/pii-cipher.js';
import { loadBaileys } from './load-baileys.js';
import {
  BAILEYS_MEDIA_PREFIX,
  MEDIA_KINDS,
  type MediaContent,
  type MediaKind,
} from './parse-baileys-message.js';

type BufferJson = Awaited<ReturnType<typeof loadBaileys>>['BufferJSON'];

/**
 * A WhatsApp attachment is encrypted on WhatsApp's servers; what downloads it (its URL, path and media
 * key) is sealed with the PII key into the reference itself: `baileys:media/<kind>/<sealed>`.
 */
export function sealBaileysMedia(
  cipher: PiiCipher,
  bufferJson: BufferJson,
  kind: MediaKind,
  content: MediaContent,
): MediaRef {
  const sealed = cipher.encrypt(JSON.stringify(content, bufferJson.replacer));
  return { url: `${BAILEYS_MEDIA_PREFIX}${kind}/${sealed}`, contentType: content.mimetype ?? null };
}

export function openBaileysMedia(
  cipher: PiiCipher,
  bufferJson: BufferJson,
  url: string,
): { kind: MediaKind; content: MediaContent } | null {
  if (!url.startsWith(BAILEYS_MEDIA_PREFIX)) return null;
  // The sealed part is base64 and may itself contain '/'.
  const rest = url.slice(BAILEYS_MEDIA_PREFIX.length);
  const slash = rest.indexOf('/');
  const kind = rest.slice(0, slash);
  const sealed = slash > 0 ? rest.slice(slash + 1) : '';
  const known = MEDIA_KINDS.find((candidate) => candidate === kind);
  if (!known || !sealed) return null;
  const content: unknown = JSON.parse(cipher.decrypt(sealed), bufferJson.reviver);
  if (typeof content !== 'object' || content === null) return null;
  // Parsing boundary: sealed by sealBaileysMedia from Baileys' own message content.
  return { kind: known, content: content as MediaContent };
}

/**
 * The media download job's side for WhatsApp Web: the attachment's bytes as a decrypting stream from
 * WhatsApp's media servers. A reference that cannot be opened is not retried; a network failure is.
 */
export async function fetchBaileysMedia(
  cipher: PiiCipher,
  url: string,
  signal: AbortSignal,
): Promise<MediaFetchResult> {
  const baileys = await loadBaileys();
  let opened: ReturnType<typeof openBaileysMedia>;
  try {
    opened = openBaileysMedia(cipher, baileys.BufferJSON, url);
  } catch {
    opened = null;
  }
  if (!opened)
    return { ok: false, retry: false, error: 'not a WhatsApp Web media reference this key can open' };
  try {
    const stream = await baileys.downloadMediaMessage(
      { key: {}, message: { [opened.kind]: opened.content } },
      'stream',
      { options: { signal } },
    );
    const declared = Number(opened.content.fileLength ?? Number.NaN);
    return {
      ok: true,
      contentType: opened.content.mimetype ?? null,
      ...(Number.isFinite(declared) && declared > 0 ? { declaredBytes: declared } : {}),
      body: stream,
    };
  } catch (error) {
    // Baileys' errors name the media host and path, never the citizen: kept short all the same.
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? String(error.status) : '';
    return {
      ok: false,
      retry: status !== '404' && status !== '410',
      error: `WhatsApp media download failed${status ? ` (HTTP ${status})` : ''}`,
    };
  }
}

/**
 * Fetches and decrypts an attachment from WhatsApp's media servers (Baileys' `downloadMediaMessage`). It
 * needs no connection unless WhatsApp has dropped the file; then only the connection holder can ask the
 * phone to upload it again (`reupload`).
 */
export async function downloadBaileysMedia(
  cipher: PiiCipher,
  url: string,
  reupload?: Parameters<Awaited<ReturnType<typeof loadBaileys>>['downloadMediaMessage']>[3],
): Promise<{ bytes: Buffer; contentType: string | null }> {
  const baileys = await loadBaileys();
  const opened = openBaileysMedia(cipher, baileys.BufferJSON, url);
  if (!opened) throw new Error('not a WhatsApp Web media reference');
  const bytes = await baileys.downloadMediaMessage(
    { key: {}, message: { [opened.kind]: opened.content } },
    'buffer',
    {},
    reupload,
  );
  return { bytes, contentType: opened.content.mimetype ?? null };
}
