import type { InboundMessage } from '../channels/channel-adapter.js';
import type { MediaRef } from '../db/schema/messages.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';

/**
 * What travels through Redis. The citizen's number, words and media links are sealed (encrypted
 * together), so a Redis dump or its AOF file exposes none of them; the keyed hash picks the partition.
 */
export interface InboundJob extends Omit<InboundMessage, 'from' | 'body' | 'media' | 'location'> {
  sealed: string;
  fromHash: string;
}

export interface InboundPrivate {
  from: string;
  body: string;
  media: MediaRef[];
  location?: { latitude: number; longitude: number };
}

export function sealInbound(message: InboundMessage, cipher: PiiCipher): InboundJob {
  const { from, body, media, location, ...rest } = message;
  const secret: InboundPrivate = { from, body, media, ...(location ? { location } : {}) };
  return { ...rest, sealed: cipher.encrypt(JSON.stringify(secret)), fromHash: cipher.hash(from) };
}

export function unsealInbound(job: InboundJob, cipher: PiiCipher): InboundPrivate {
  const value: unknown = JSON.parse(cipher.decrypt(job.sealed));
  if (
    typeof value === 'object' &&
    value !== null &&
    'from' in value &&
    typeof value.from === 'string' &&
    'body' in value &&
    typeof value.body === 'string' &&
    'media' in value &&
    Array.isArray(value.media)
  ) {
    const media = value.media.filter(
      (m): m is MediaRef => typeof m === 'object' && m !== null && typeof m.url === 'string',
    );
    const location =
      'location' in value &&
      typeof value.location === 'object' &&
      value.location !== null &&
      'latitude' in value.location &&
      typeof value.location.latitude === 'number' &&
      'longitude' in value.location &&
      typeof value.location.longitude === 'number'
        ? { latitude: value.location.latitude, longitude: value.location.longitude }
        : undefined;
    return { from: value.from, body: value.body, media, ...(location ? { location } : {}) };
  }
  throw new Error('sealed inbound payload has an unexpected shape');
}

/** BullMQ job ids may not contain ':' and must not be all digits. */
export function inboundJobId(message: Pick<InboundMessage, 'provider' | 'providerMessageId'>): string {
  return `${message.provider}-${message.providerMessageId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
