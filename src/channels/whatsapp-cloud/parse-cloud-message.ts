import type { MediaRef } from '../../db/schema/messages.js';
import type { InboundMessage } from '../channel-adapter.js';
import type { CloudMessage } from './whatsapp-cloud-payloads.js';

/** Where a Cloud API media id is kept until it is downloaded (the Graph API gives its URL on request). */
export const CLOUD_MEDIA_PREFIX = 'whatsapp-cloud:media/';

/**
 * A citizen's WhatsApp message as Suara stores it: text, a caption, the title of a tapped button or list
 * row, a shared place as words (its name, address and coordinates), media by id.
 */
export function parseCloudMessage(message: CloudMessage, to: string, receivedAt: Date): InboundMessage {
  const media: MediaRef[] = [];
  let body = '';
  const attachment = message.image ?? message.audio ?? message.video ?? message.document;
  if (attachment) {
    media.push({ url: `${CLOUD_MEDIA_PREFIX}${attachment.id}`, contentType: attachment.mime_type ?? null });
    body = 'caption' in attachment && typeof attachment.caption === 'string' ? attachment.caption : '';
  }
  if (message.text) body = message.text.body;
  if (message.interactive) {
    // Suara's buttons and list rows carry the option's number as their id: the digit an SMS citizen types.
    const tapped = message.interactive.button_reply ?? message.interactive.list_reply;
    body = tapped ? (/^\d{1,2}$/.test(tapped.id) ? tapped.id : tapped.title) : '';
  }
  if (message.button) body = message.button.text;
  if (message.location) {
    const { name, address, latitude, longitude } = message.location;
    body = [name, address, `${latitude},${longitude}`].filter(Boolean).join(', ');
  }
  const location = message.location
    ? { latitude: message.location.latitude, longitude: message.location.longitude }
    : undefined;
  return {
    provider: 'whatsapp-cloud',
    channel: 'whatsapp',
    providerMessageId: message.id,
    from: `+${message.from}`,
    to,
    body,
    media,
    ...(location ? { location } : {}),
    receivedAt: receivedAt.toISOString(),
  };
}
