import type { InboundMessage } from '../channels/channel-adapter.js';

/** What travels through Redis: the address only encrypted, so a Redis dump exposes no phone number. */
export interface InboundJob extends Omit<InboundMessage, 'from'> {
  fromEnc: string;
  fromHash: string;
}

/** BullMQ job ids may not contain ':' and must not be all digits. */
export function inboundJobId(message: Pick<InboundMessage, 'provider' | 'providerMessageId'>): string {
  return `${message.provider}-${message.providerMessageId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
