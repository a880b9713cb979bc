import { eq } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import { type MediaRef, messages } from '../db/schema/messages.js';
import type { MediaProducer } from './media-producer.js';
import { registerInboundMedia } from './stored-media-repository.js';

/** What the inbound pipeline does with a message's attachments. */
export interface InboundMedia {
  /**
   * In the transaction that stores the message: gives each attachment a pending stored media row and
   * rewrites the message's media to refer to those rows. Null when the provider's media stay links
   * (no download for it, or no attachment).
   */
  register(
    tx: DbExecutor,
    messageId: string,
    provider: Provider,
    media: readonly MediaRef[],
  ): Promise<{ refs: MediaRef[]; pendingIds: string[] } | null>;
  /** After the commit: queues the downloads (a failure is left to the pending-media sweep). */
  producer: MediaProducer;
}

export function createInboundMedia(providers: ReadonlySet<Provider>, producer: MediaProducer): InboundMedia {
  return {
    async register(tx, messageId, provider, media) {
      if (media.length === 0 || !providers.has(provider)) return null;
      const registered = await registerInboundMedia(tx, messageId, provider, media);
      await tx.update(messages).set({ media: registered.refs }).where(eq(messages.id, messageId));
      return registered;
    },
    producer,
  };
}
