import { inArray } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import type { OutboundProducer } from './outbound-producer.js';

/**
 * Hands committed replies to their send queue and records that they have a job. Replies that never get
 * the mark (Redis was down, the process died in between) are found and queued by the outbox sweeper.
 */
export async function enqueueReplies(
  db: DbExecutor,
  outbound: OutboundProducer,
  provider: Provider,
  messageIds: string[],
  retryKey?: string,
): Promise<void> {
  if (messageIds.length === 0) return;
  await outbound.enqueue(provider, messageIds, retryKey);
  await db.update(messages).set({ enqueuedAt: new Date() }).where(inArray(messages.id, messageIds));
}
