import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Channel, Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import type { InboundProducer } from './inbound-producer.js';

/**
 * Inbound messages stored but never answered (their job ran out of attempts, or its partition was not
 * consumed for a while) are queued again when workers start. Processing is idempotent, so a message
 * whose job is in fact still pending is only answered once.
 */
export async function requeueUnhandledInbound(
  db: Db,
  cipher: PiiCipher,
  inbound: InboundProducer,
  olderThanMs = 5 * 60_000,
): Promise<number> {
  const rows = await db
    .select({ message: messages, addressEnc: contacts.addressEnc })
    .from(messages)
    .innerJoin(contacts, eq(messages.contactId, contacts.id))
    .where(
      and(
        eq(messages.direction, 'inbound'),
        isNull(messages.handledAt),
        lt(messages.createdAt, new Date(Date.now() - olderThanMs)),
      ),
    );
  for (const { message, addressEnc } of rows) {
    await inbound.enqueue(
      {
        provider: message.provider as Provider,
        channel: message.channel as Channel,
        providerMessageId: message.providerMessageId ?? message.id,
        from: cipher.decrypt(addressEnc),
        to: '',
        body: message.body,
        media: message.media,
        receivedAt: message.createdAt.toISOString(),
      },
      // The original job id may still sit among failed jobs, where it would make this a no-op.
      `requeue-${message.id}-${Date.now()}`,
    );
  }
  return rows.length;
}
