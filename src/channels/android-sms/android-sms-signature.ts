import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The app signs each webhook with HMAC-SHA256 over the body exactly as sent followed by the X-Timestamp
 * value (Unix seconds), hex-encoded in X-Signature.
 */
export function signAndroidSmsWebhook(signingKey: string, rawBody: Buffer, timestamp: string): string {
  return createHmac('sha256', signingKey).update(rawBody).update(timestamp).digest('hex');
}

export function androidSmsSignatureMatches(
  signingKey: string,
  rawBody: Buffer,
  timestamp: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signAndroidSmsWebhook(signingKey, rawBody, timestamp), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : null;
  return given !== null && timingSafeEqual(expected, given);
}
