import type { proto, WAMessage } from '@whiskeysockets/baileys';
import type { MediaRef } from '../../db/schema/messages.js';
import type { ChannelEvent } from '../channel-adapter.js';
import { chatKindOf, phoneOfJid } from './baileys-jid.js';

/** Where a WhatsApp Web media attachment is referred to until it is downloaded (see baileys-media-ref.ts). */
export const BAILEYS_MEDIA_PREFIX = 'baileys:media/';

export const MEDIA_KINDS = ['imageMessage', 'audioMessage', 'videoMessage', 'documentMessage'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export type MediaContent = NonNullable<proto.IMessage[MediaKind]>;

export interface ParseContext {
  /** Suara's own linked number (the `to` of every inbound message). */
  to: string;
  receivedAt: Date;
  /** The phone number Baileys learnt for a LID chat, when it knows one. */
  phoneForLid(lid: string): Promise<string | null>;
  /** Seals an attachment's download details (they include its decryption key) into a media reference. */
  mediaRef(kind: MediaKind, content: MediaContent): MediaRef;
}

/**
 * A message from `messages.upsert` as Suara's inbound message: text, a caption, a voice note, an image, a
 * shared place as words (name, address, coordinates — as the Cloud API channel writes it) and as a place
 * hint. Group chats,
 * status updates, broadcast lists, channels and the linked phone's own messages are ignored.
 */
export async function parseBaileysMessage(message: WAMessage, context: ParseContext): Promise<ChannelEvent> {
  const { key } = message;
  if (key.fromMe) return ignored('own message');
  const kind = chatKindOf(key.remoteJid);
  if (kind === 'group' || kind === 'broadcast' || kind === 'newsletter' || kind === 'other')
    return ignored(`${kind} chat`);
  if (!key.id) return ignored('no message id');
  const from = await senderOf(message, context);
  if (!from) return ignored('sender has no known phone number');

  const content = unwrap(message.message);
  if (!content) return ignored('no content');
  const media: MediaRef[] = [];
  let body = content.conversation ?? content.extendedTextMessage?.text ?? '';
  for (const mediaKind of MEDIA_KINDS) {
    const attachment = content[mediaKind];
    if (!attachment) continue;
    media.push(context.mediaRef(mediaKind, attachment));
    if ('caption' in attachment && attachment.caption) body = attachment.caption;
  }
  const place = content.locationMessage ?? content.liveLocationMessage;
  let location: { latitude: number; longitude: number } | undefined;
  if (place) {
    const { degreesLatitude: lat, degreesLongitude: lng } = place;
    const name = 'name' in place ? place.name : undefined;
    const address = 'address' in place ? place.address : undefined;
    body = [name, address, lat != null && lng != null ? `${lat},${lng}` : null].filter(Boolean).join(', ');
    if (typeof lat === 'number' && typeof lng === 'number') location = { latitude: lat, longitude: lng };
  }
  if (!body && !media.length) return ignored('nothing Suara reads (sticker, reaction, call…)');
  return {
    kind: 'message',
    message: {
      provider: 'baileys',
      channel: 'whatsapp',
      // WhatsApp's message id: a redelivery (after a reconnect, by another holder) is the same message.
      providerMessageId: key.id,
      from,
      to: context.to,
      body,
      media,
      ...(location ? { location } : {}),
      receivedAt: context.receivedAt.toISOString(),
    },
  };
}

async function senderOf(message: WAMessage, context: ParseContext): Promise<string | null> {
  const { remoteJid, remoteJidAlt } = message.key;
  const direct = phoneOfJid(remoteJid) ?? phoneOfJid(remoteJidAlt);
  if (direct) return direct;
  if (chatKindOf(remoteJid) !== 'lid' || !remoteJid) return null;
  return phoneOfJid(await context.phoneForLid(remoteJid));
}

/** Disappearing and view-once messages wrap the real content one level down. */
function unwrap(content: proto.IMessage | null | undefined): proto.IMessage | null {
  let current = content ?? null;
  for (let depth = 0; current && depth < 4; depth++) {
    const inner =
      current.ephemeralMessage ??
      current.viewOnceMessage ??
      current.viewOnceMessageV2 ??
      current.viewOnceMessageV2Extension ??
      current.documentWithCaptionMessage;
    if (!inner?.message) return current;
    current = inner.message;
  }
  return current;
}

function ignored(reason: string): ChannelEvent {
  return { kind: 'ignored', reason };
}
