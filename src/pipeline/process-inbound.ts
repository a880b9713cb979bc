import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics/metrics.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { applyContactLimits, type ContactLimits } from './apply-contact-limits.js';
import { newContactPseudonym } from './contact-pseudonym.js';
import type {
  ConversationHandler,
  HandledContact,
  HandledMessage,
  HandlerResult,
} from './conversation-handler.js';
import { enqueueReplies } from './enqueue-replies.js';
import { type InboundJob, unsealInbound } from './inbound-job.js';
import type { OutboundProducer } from './outbound-producer.js';
import { releaseHeldMessages } from './release-held-messages.js';
import { storableText } from './storable-text.js';

export interface InboundDeps {
  db: Db;
  cipher: PiiCipher;
  handler: ConversationHandler;
  outbound: OutboundProducer;
  logger: Logger;
  /** Flood limits per contact; without them every message is answered. */
  limits?: ContactLimits;
}

export type InboundOutcome = 'handled' | 'duplicate' | 'parked';

/** Where the message's job came from, for the per-message log line's timings and ids. */
export interface InboundTrace {
  job: string | undefined;
  queue: string;
  /** Attempt number of this job run (BullMQ's attemptsMade + 1). */
  attempt: number;
  /** When the job was added and when this run picked it up (epoch ms). */
  queuedAt: number;
  pickedUpAt: number;
}

/**
 * Stores one inbound message exactly once, then lets the conversation handler answer it. The handler's
 * writes, the replies and the message's `handled_at` commit in one transaction: a job retried after a
 * failure anywhere in between starts again from the same state, and a redelivered message is a no-op.
 */
export async function processInbound(
  deps: InboundDeps,
  job: InboundJob,
  trace?: InboundTrace,
): Promise<InboundOutcome> {
  const startedAt = Date.now();
  const receivedAt = new Date(job.receivedAt);
  const sealed = unsealInbound(job, deps.cipher);
  const from = sealed.from;
  // Every channel's messages pass here on their way into Postgres: what it cannot hold is replaced, so a
  // message already acknowledged to its provider is stored rather than failing on every retry.
  const body = storableText(sealed.body);
  const media = sealed.media.map((item) => ({
    url: storableText(item.url),
    contentType: item.contentType === null ? null : storableText(item.contentType),
  }));
  const stored = await deps.db.transaction(async (tx) => {
    const [contact] = await tx
      .insert(contacts)
      .values({
        pseudonym: newContactPseudonym(),
        channel: job.channel,
        addressHash: job.fromHash,
        addressEnc: deps.cipher.encrypt(from),
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
        body,
        media,
        status: 'received',
        createdAt: receivedAt,
      })
      .onConflictDoNothing({ target: [messages.provider, messages.providerMessageId] });
    const [message] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.provider, job.provider), eq(messages.providerMessageId, job.providerMessageId)));
    if (!message) throw new Error('inbound message vanished after insert');
    return { contact, messageId: message.id };
  });

  const contact: HandledContact = { ...stored.contact, channel: job.channel, provider: job.provider };
  const message: HandledMessage = {
    id: stored.messageId,
    channel: job.channel,
    provider: job.provider,
    body,
    media,
    receivedAt,
  };
  const log = deps.logger.child({ contact: contact.pseudonym, message: message.id });
  const done = (outcome: InboundOutcome, fields: Record<string, unknown> = {}): InboundOutcome => {
    logHandled(log, job, receivedAt, startedAt, trace, outcome, fields);
    return outcome;
  };

  const outcome = await deps.db.transaction(async (tx) => {
    // The row lock makes a concurrent redelivery wait here, then see the message as handled.
    const [current] = await tx
      .select({ handledAt: messages.handledAt })
      .from(messages)
      .where(eq(messages.id, message.id))
      .for('update');
    if (current?.handledAt) return null;
    const verdict = deps.limits
      ? await applyContactLimits(tx, contact.id, receivedAt, deps.limits)
      : ({ parked: false } as const);
    if (verdict.parked) {
      await tx.update(messages).set({ handledAt: new Date() }).where(eq(messages.id, message.id));
      return { replyIds: [], parked: verdict };
    }

    const result: HandlerResult = await deps.handler.handle({ message, contact, tx });
    const rows = result.replies.length
      ? await tx
          .insert(messages)
          .values(
            result.replies.map((reply) => ({
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
    return { replyIds: rows.map((row) => row.id), afterCommit: result.afterCommit, parked: verdict };
  });

  if (!outcome) return done('duplicate');
  if (outcome.parked.parked) {
    // The pseudonym only (the child logger's): never the number.
    if (outcome.parked.newlyParked) {
      log.warn({ reason: outcome.parked.reason }, 'contact parked: messages stored but not answered');
      metrics.contactParked(outcome.parked.reason);
    }
    return done('parked', { reason: outcome.parked.reason });
  }
  try {
    await outcome.afterCommit?.();
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'after-commit step failed');
  }
  try {
    // One job per turn, so a turn's replies go out one after another, in order.
    await enqueueReplies(deps.db, deps.outbound, job.provider, outcome.replyIds);
    if (job.channel === 'whatsapp') await releaseHeldMessages(deps.db, deps.outbound, contact.id);
  } catch (error) {
    // The replies are committed; retrying this job would find the message handled and queue nothing.
    // The outbox sweeper queues them once Redis is back.
    log.warn({ err: describeError(error) }, 'replies stored but not queued; left to the outbox sweeper');
  }
  return done('handled', { replies: outcome.replyIds.length });
}

/**
 * The one line per handled message an operator reads: outcome, ids (pseudonym, message, job) and
 * timings — queue wait (queued → picked up), handling (picked up → done, quick retries included) and
 * total (the webhook's receipt → done). No number, no text.
 */
function logHandled(
  log: Logger,
  job: InboundJob,
  receivedAt: Date,
  startedAt: number,
  trace: InboundTrace | undefined,
  outcome: InboundOutcome,
  fields: Record<string, unknown>,
): void {
  const now = Date.now();
  const timings = {
    queueWaitMs: trace ? Math.max(0, trace.pickedUpAt - trace.queuedAt) : null,
    handlingMs: now - (trace?.pickedUpAt ?? startedAt),
    totalMs: Math.max(0, now - receivedAt.getTime()),
  };
  log.info(
    {
      outcome,
      provider: job.provider,
      channel: job.channel,
      ...(trace ? { job: trace.job, queue: trace.queue, attempt: trace.attempt } : {}),
      ...fields,
      ...timings,
    },
    'inbound message handled',
  );
  metrics.inboundMessage(
    job.provider,
    outcome,
    timings.queueWaitMs === null ? null : { ...timings, queueWaitMs: timings.queueWaitMs },
  );
}
