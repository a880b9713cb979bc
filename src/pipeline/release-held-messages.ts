import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import { enqueueReplies } from './enqueue-replies.js';
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
  const now = new Date();
  // Only what this call moved out of `held` is sent, so two releases racing cannot send twice.
  const released = await db
    .update(messages)
    .set({ status: 'queued', enqueuedAt: null, updatedAt: now })
    .where(
      and(
        inArray(
          messages.id,
          held.map((row) => row.id),
        ),
        eq(messages.status, 'held'),
      ),
    )
    .returning({ id: messages.id, createdAt: messages.createdAt });
  if (released.length === 0) return 0;
  const ids = released.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((row) => row.id);
  const provider = held[0]?.provider as Provider;
  // A message held after a refused first send already has a finished job under its plain id.
  await enqueueReplies(db, outbound, provider, ids, `released${now.getTime()}`);
  return ids.length;
}
