import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs each webhook: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body with the app secret. */
export function signWhatsappCloudWebhook(appSecret: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function whatsappCloudSignatureMatches(appSecret: string, rawBody: Buffer, header: string): boolean {
  const expected = Buffer.from(signWhatsappCloudWebhook(appSecret, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
