import type { MediaFetchResult } from './media-source.js';

/**
 * One authenticated GET of a provider's media URL, as a `MediaFetchResult`: 408, 429 and 5xx are worth
 * retrying, other refusals are not; a network error or timeout is. Redirects are followed (Twilio sends
 * media from its CDN); fetch drops the Authorization header when a redirect leaves the origin.
 */
export async function fetchMediaOverHttp(
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<MediaFetchResult> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    const reason = signal.aborted ? 'timed out' : describeNetworkError(error);
    return { ok: false, retry: true, error: `the provider could not be reached (${reason})` };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    const status = response.status;
    return {
      ok: false,
      retry: status === 408 || status === 429 || status >= 500,
      error: `the provider answered HTTP ${status}`,
    };
  }
  const length = Number(response.headers.get('content-length'));
  return {
    ok: true,
    contentType: response.headers.get('content-type'),
    ...(Number.isSafeInteger(length) && length >= 0 && response.headers.has('content-length')
      ? { declaredBytes: length }
      : {}),
    body: response.body,
  };
}

/** The error's code (ECONNREFUSED…), never its message: messages may carry the URL. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return 'network error';
}
