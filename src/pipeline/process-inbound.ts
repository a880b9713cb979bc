import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';
import type { Logger } from '../logger.js';
import { newContactPseudonym } from './contact-pseudonym.js';
import type { ConversationHandler, HandledContact, HandledMessage } from './conversation-handler.js';
import type { InboundJob } from './inbound-job.js';
import type { OutboundProducer } from './outbound-producer.js';

export interface InboundDeps {
  db: Db;
  handler: ConversationHandler;
  outbound: OutboundProducer;
  logger: Logger;
}

export type InboundOutcome = 'handled' | 'duplicate';

/**
 * Stores one inbound message exactly once, then lets the conversation handler answer it. The message
 * row's `handled_at` is set in the same transaction that stores the replies, so a retried job resumes
 * where the previous attempt stopped instead of answering twice.
 */
export async function processInbound(deps: InboundDeps, job: InboundJob): Promise<InboundOutcome> {
  const receivedAt = new Date(job.receivedAt);
  const stored = await deps.db.transaction(async (tx) => {
    const [contact] = await tx
      .insert(contacts)
      .values({
        pseudonym: newContactPseudonym(),
        channel: job.channel,
        addressHash: job.fromHash,
        addressEnc: job.fromEnc,
        provider: job.provider,
        firstSeenAt: receivedAt,
        lastSeenAt: receivedAt,
        lastInboundAt: receivedAt,
      })
      .onConflictDoUpdate({
        target: [contacts.channel, contacts.addressHash],
        set: {
          provider: job.provider,
          lastSeenAt: sql`greatest(${contacts.lastSeenAt}, excluded.last_seen_at)`,
          lastInboundAt: sql`greatest(${contacts.lastInboundAt}, excluded.last_inbound_at)`,
        },
      })
      .returning({
        id: contacts.id,
        pseudonym: contacts.pseudonym,
        language: contacts.language,
        optedOut: contacts.optedOut,
        // xmax is 0 only for a row this statement inserted.
        isNew: sql<boolean>`(xmax = 0)`,
      });
    if (!contact) throw new Error('contact upsert returned nothing');

    await tx
      .insert(messages)
      .values({
        direction: 'inbound',
        channel: job.channel,
        provider: job.provider,
        providerMessageId: job.providerMessageId,
        contactId: contact.id,
        body: job.body,
        media: job.media,
        status: 'received',
        createdAt: receivedAt,
      })
      .onConflictDoNothing({ target: [messages.provider, messages.providerMessageId] });
    const [message] = await tx
      .select({ id: messages.id, handledAt: messages.handledAt })
      .from(messages)
      .where(and(eq(messages.provider, job.provider), eq(messages.providerMessageId, job.providerMessageId)));
    if (!message) throw new Error('inbound message vanished after insert');
    return { contact, message };
  });

  const log = deps.logger.child({ contact: stored.contact.pseudonym, message: stored.message.id });
  if (stored.message.handledAt) {
    log.info('duplicate inbound message ignored');
    return 'duplicate';
  }

  const contact: HandledContact = { ...stored.contact, channel: job.channel, provider: job.provider };
  const message: HandledMessage = {
    id: stored.message.id,
    channel: job.channel,
    provider: job.provider,
    body: job.body,
    media: job.media,
    receivedAt,
  };
  const { replies } = await deps.handler.handle({ message, contact });

  const outboundIds = await deps.db.transaction(async (tx) => {
    const rows = replies.length
      ? await tx
          .insert(messages)
          .values(
            replies.map((reply) => ({
              direction: 'outbound' as const,
              channel: job.channel,
              provider: job.provider,
              contactId: contact.id,
              body: reply.body,
              media: reply.media ?? [],
              status: 'queued' as const,
              inReplyTo: message.id,
              // now() is fixed for the whole transaction; replies need distinct, ordered times.
              createdAt: sql`clock_timestamp()`,
              ignoreOptOut: reply.ignoreOptOut ?? false,
            })),
          )
          .returning({ id: messages.id })
      : [];
    await tx.update(messages).set({ handledAt: new Date() }).where(eq(messages.id, message.id));
    return rows.map((row) => row.id);
  });

  for (const id of outboundIds) await deps.outbound.enqueue(job.provider, id);
  log.info({ replies: outboundIds.length }, 'inbound message handled');
  return 'handled';
}
