import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import type { OutboundProducer } from './outbound-producer.js';

/** Replies stored but never handed to their provider (the process died in between) are queued again. */
export async function requeueStrandedOutbound(
  db: Db,
  outbound: OutboundProducer,
  providers: Iterable<Provider>,
  olderThanMs = 60_000,
): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  let count = 0;
  for (const provider of providers) {
    const stranded = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.direction, 'outbound'),
          eq(messages.status, 'queued'),
          eq(messages.provider, provider),
          isNull(messages.providerMessageId),
          lt(messages.updatedAt, cutoff),
        ),
      );
    for (const { id } of stranded) await outbound.enqueue(provider, [id]);
    count += stranded.length;
  }
  return count;
}
