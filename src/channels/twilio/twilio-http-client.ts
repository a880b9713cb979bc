import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/** A 429 from Twilio's API, with the pause it asked for (Retry-After), which the SDK's own error drops. */
export class TwilioRateLimited extends Error {
  constructor(
    readonly code: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super('Too Many Requests');
    this.name = 'TwilioRateLimited';
  }
}

/** The SDK's HTTP client, except that a 429 answer becomes a TwilioRateLimited carrying Retry-After. */
export class TwilioHttpClient extends twilio.RequestClient {
  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const response = await super.request(opts);
    if (response.statusCode !== 429) return response;
    throw new TwilioRateLimited(codeOf(response.body), retryAfterMs(headerOf(response.headers)));
  }
}

function headerOf(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Retry-After is seconds or an HTTP date (RFC 9110). */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function codeOf(body: unknown): string {
  try {
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    if (typeof parsed === 'object' && parsed !== null && 'code' in parsed && parsed.code)
      return String(parsed.code);
  } catch {
    // Not JSON: the status is the code.
  }
  return '429';
}
