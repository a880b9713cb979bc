import { z } from 'zod';
import { fetchMediaOverHttp } from '../../media/fetch-media-over-http.js';
import type { FetchMedia } from '../../media/media-source.js';
import { CLOUD_MEDIA_PREFIX } from './parse-cloud-message.js';
import type { WhatsappCloudConfig } from './whatsapp-cloud-config.js';

const mediaInfoSchema = z.object({
  url: z.url(),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().int().nonnegative().optional(),
});

/**
 * Downloads a Cloud API attachment by its media id, as Meta documents it: GET /{version}/{media-id}
 * answers a short-lived URL (about five minutes), which is then fetched with the same bearer token.
 * The URL is asked for afresh on every try, so a retry after a delay does not meet an expired one.
 */
export function createCloudMediaFetch(config: WhatsappCloudConfig): FetchMedia {
  const base = config.apiBaseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(base).origin;
  const authorization = `Bearer ${config.accessToken}`;
  return async (ref, signal) => {
    if (!ref.startsWith(CLOUD_MEDIA_PREFIX))
      return { ok: false, retry: false, error: 'not a Cloud API media id' };
    const id = ref.slice(CLOUD_MEDIA_PREFIX.length);
    if (!/^\d{1,40}$/.test(id)) return { ok: false, retry: false, error: 'not a Cloud API media id' };
    const infoUrl = new URL(`${base}/${config.apiVersion}/${id}`);
    infoUrl.searchParams.set('phone_number_id', config.phoneNumberId);
    const info = await fetchMediaOverHttp(infoUrl, { authorization }, signal);
    if (!info.ok) return info;
    let parsed: z.infer<typeof mediaInfoSchema>;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of info.body) chunks.push(Buffer.from(chunk));
      const result = mediaInfoSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!result.success) return { ok: false, retry: false, error: 'the Graph API gave no media URL' };
      parsed = result.data;
    } catch {
      return { ok: false, retry: true, error: 'the Graph API answer could not be read' };
    }
    const url = new URL(parsed.url);
    // Meta's media host is HTTPS; plain HTTP only towards the configured API origin (a local stand-in).
    if (url.protocol !== 'https:' && url.origin !== baseOrigin)
      return { ok: false, retry: false, error: 'media from an unexpected address' };
    const download = await fetchMediaOverHttp(url, { authorization }, signal);
    if (!download.ok) return download;
    return {
      ...download,
      contentType: download.contentType ?? parsed.mime_type ?? null,
      ...(download.declaredBytes === undefined && parsed.file_size !== undefined
        ? { declaredBytes: parsed.file_size }
        : {}),
    };
  };
}
