import { and, asc, eq, isNull, lt, notExists } from 'drizzle-orm';
import type { Channel, Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { deadLetters } from '../db/schema/dead-letters.js';
import { messages } from '../db/schema/messages.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import type { InboundProducer } from './inbound-producer.js';

/**
 * The inbound half of the outbox: messages stored but never answered, whose job is gone (it ran out of
 * attempts, or Redis lost it), are queued again. Dead letters wait for an admin instead. Processing is
 * idempotent, so a message answered meanwhile is only answered once. Returns how many were queued.
 */
export async function requeueUnhandledInbound(
  db: Db,
  cipher: PiiCipher,
  inbound: InboundProducer,
  graceMs: number,
  batch = 500,
): Promise<number> {
  const rows = await db
    .select({ message: messages, addressEnc: contacts.addressEnc })
    .from(messages)
    .innerJoin(contacts, eq(messages.contactId, contacts.id))
    .where(
      and(
        eq(messages.direction, 'inbound'),
        isNull(messages.handledAt),
        lt(messages.createdAt, new Date(Date.now() - graceMs)),
        notExists(
          db
            .select({ id: deadLetters.id })
            .from(deadLetters)
            .where(
              and(
                eq(deadLetters.provider, messages.provider),
                eq(deadLetters.providerMessageId, messages.providerMessageId),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(batch);
  let queued = 0;
  for (const { message, addressEnc } of rows) {
    const outcome = await inbound.requeue({
      provider: message.provider as Provider,
      channel: message.channel as Channel,
      providerMessageId: message.providerMessageId ?? message.id,
      from: cipher.decrypt(addressEnc),
      to: '',
      body: message.body,
      media: message.media,
      receivedAt: message.createdAt.toISOString(),
    });
    if (outcome === 'queued') queued += 1;
  }
  return queued;
}
