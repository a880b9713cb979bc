import type { TwilioConfig } from '../../config.js';
import { fetchMediaOverHttp } from '../../media/fetch-media-over-http.js';
import type { FetchMedia } from '../../media/media-source.js';

/**
 * Downloads a MediaUrlN of an inbound Twilio message with the account's basic auth (HTTP Basic auth is
 * on for media by default in new accounts). Only URLs on Twilio's API origin — or the configured one, for
 * a stand-in — are fetched: a stored URL must not make the server call anywhere else with the credentials.
 */
export function createTwilioMediaFetch(config: TwilioConfig): FetchMedia {
  const allowed = new Set([new URL(config.apiBaseUrl).origin, 'https://api.twilio.com']);
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return async (ref, signal) => {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      return { ok: false, retry: false, error: 'not a media URL' };
    }
    if (!allowed.has(url.origin))
      return { ok: false, retry: false, error: 'media from an unexpected address' };
    return fetchMediaOverHttp(url, { authorization }, signal);
  };
}
