import type { TwilioConfig } from '../config.js';

export type MediaFetch =
  | { ok: true; contentType: string; body: ReadableStream<Uint8Array> }
  | { ok: false; status: 404 | 502; message: string };

/**
 * Fetches a report's photo or voice note from the provider with Suara's credentials, to stream it to a
 * signed-in staff member; the provider URL never reaches the browser. Only URLs on the provider's own
 * API origin are fetched (a stored URL must not make the server call anywhere else).
 */
export async function fetchProviderMedia(
  twilio: TwilioConfig | null,
  provider: string,
  url: string,
): Promise<MediaFetch> {
  if (provider !== 'twilio' || !twilio) {
    return {
      ok: false,
      status: 404,
      message: 'This media is not stored and its provider cannot be asked for it.',
    };
  }
  const allowed = new Set([new URL(twilio.apiBaseUrl).origin, 'https://api.twilio.com']);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, status: 404, message: 'The stored media address is not valid.' };
  }
  if (!allowed.has(target.origin))
    return { ok: false, status: 404, message: 'Media from an unexpected address.' };
  const auth = Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64');
  try {
    const response = await fetch(target, { headers: { authorization: `Basic ${auth}` }, redirect: 'follow' });
    if (!response.ok || !response.body) {
      return { ok: false, status: 502, message: `The provider answered ${response.status} for this media.` };
    }
    return {
      ok: true,
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      body: response.body,
    };
  } catch {
    return { ok: false, status: 502, message: 'The provider could not be reached for this media.' };
  }
}
