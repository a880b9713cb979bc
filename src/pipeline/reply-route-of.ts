import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type MessageRow, messages } from '../db/schema/messages.js';

/**
 * Which citizen message an outbound message answers, as the provider named it: the one it replies to, or
 * else the contact's latest on the same provider (a notification). Adapters with several gateways (one
 * Android phone per province) send through the one that received it.
 */
export async function replyRouteOf(
  db: Db,
  message: Pick<MessageRow, 'inReplyTo' | 'contactId' | 'provider'>,
): Promise<{ replyToProviderMessageId?: string }> {
  const [row] = await db
    .select({ providerMessageId: messages.providerMessageId })
    .from(messages)
    .where(
      message.inReplyTo
        ? eq(messages.id, message.inReplyTo)
        : and(
            eq(messages.contactId, message.contactId),
            eq(messages.direction, 'inbound'),
            eq(messages.provider, message.provider),
          ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1);
  return row?.providerMessageId ? { replyToProviderMessageId: row.providerMessageId } : {};
}
