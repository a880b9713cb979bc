import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { signAndroidSmsWebhook } from '../../src/channels/android-sms/android-sms-signature.js';

export interface SignedWebhookOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sign with this key instead (a forger's). */
  signWith?: string;
}

/** A webhook envelope as the app builds it: its own event id, the phone's device id, the payload. */
export function androidEnvelope(event: string, payload: Record<string, unknown>, id?: string) {
  return {
    deviceId: 'ffffffffceb0b1db0000018e937c815b',
    event,
    id: id ?? randomBytes(16).toString('base64url').slice(0, 21),
    payload,
    webhookId: 'LreFUt-Z3sSq0JufY9uWB',
  };
}

/**
 * POSTs the envelope the way the app does: the JSON bytes, X-Timestamp in Unix seconds, X-Signature the
 * hex HMAC-SHA256 of body followed by timestamp with the phone's signing key.
 */
export function postAndroidWebhook(
  app: FastifyInstance,
  signingKey: string,
  envelope: object,
  options: SignedWebhookOptions = {},
): Promise<LightMyRequestResponse> {
  const body = Buffer.from(JSON.stringify(envelope));
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return app.inject({
    method: 'POST',
    url: '/webhooks/android-sms',
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': signAndroidSmsWebhook(options.signWith ?? signingKey, body, timestamp),
    },
    payload: body,
  });
}
