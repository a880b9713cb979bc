import type { PiiCipher } from '../../privacy/pii-cipher.js';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../channel-adapter.js';
import { fetchBaileysMedia } from './baileys-media-ref.js';
import type { WhatsappWebConnection } from './whatsapp-web-connection.js';

/**
 * Replies through the linked number's socket, text only. The citizen's messages arrive over the socket
 * (the connection hands them to the pipeline), so there is nothing to verify or parse here.
 */
export function createWhatsappWebAdapter(
  connection: () => WhatsappWebConnection | null,
  cipher: () => PiiCipher,
): ChannelAdapter {
  return {
    provider: 'baileys',
    // Any worker can download: the reference carries what is needed, sealed; no connection is used.
    fetchMedia: (ref, signal) => fetchBaileysMedia(cipher(), ref, signal),
    async send(message: OutboundMessage): Promise<SendResult> {
      if (message.channel !== 'whatsapp')
        return {
          ok: false,
          retry: false,
          errorCode: 'channel',
          errorMessage: 'a linked WhatsApp number sends only WhatsApp',
        };
      const current = connection();
      if (!current)
        return {
          ok: false,
          retry: true,
          meaning: 'rate-limited',
          retryAfterMs: 1000,
          errorCode: 'whatsapp_web_not_connected_here',
          errorMessage: 'this process does not run the WhatsApp Web connection',
        };
      return current.send(message.to, message.body);
    },
  };
}
