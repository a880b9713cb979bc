import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import type { OutboundProducer } from './outbound-producer.js';

/**
 * Notifications held because WhatsApp's 24-hour window was closed go out once the citizen writes
 * again and reopens it, in the order they were written.
 */
export async function releaseHeldMessages(
  db: Db,
  outbound: OutboundProducer,
  contactId: string,
): Promise<number> {
  const held = await db
    .select({ id: messages.id, provider: messages.provider })
    .from(messages)
    .where(and(eq(messages.contactId, contactId), eq(messages.status, 'held')))
    .orderBy(asc(messages.createdAt));
  if (held.length === 0) return 0;
  const ids = held.map((row) => row.id);
  await db
    .update(messages)
    .set({ status: 'queued', updatedAt: new Date() })
    .where(and(inArray(messages.id, ids), eq(messages.status, 'held')));
  const provider = held[0]?.provider as Provider;
  await outbound.enqueue(provider, ids);
  return ids.length;
}
