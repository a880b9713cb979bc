import { UnrecoverableError } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { ChannelAdapter, OutboundMessage, Provider } from '../channels/channel-adapter.js';
import type { Db, DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics/metrics.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { scrubNumbers } from '../privacy/scrub-numbers.js';
import { OutboundPause } from './outbound-pause.js';
import { replyRouteOf } from './reply-route-of.js';

export interface OutboundDeps {
  db: Db;
  cipher: PiiCipher;
  adapters: ReadonlyMap<Provider, ChannelAdapter>;
  /** Where providers should post delivery statuses; undefined when no public URL is configured. */
  statusCallbackUrl(provider: Provider): string | undefined;
  logger: Logger;
  /** How many ms until the provider may take another message (0: now); without it, no message limit. */
  sendGate?: (provider: Provider) => Promise<number>;
}

export type OutboundOutcome = 'sent' | 'already-sent' | 'opted-out' | 'held';

/**
 * Sends one stored outbound message. Throws to make BullMQ retry (network, 429, 5xx) and throws
 * UnrecoverableError for permanent failures, after recording the status either way.
 */
export async function processOutbound(
  deps: OutboundDeps,
  messageId: string,
  finalAttempt: boolean,
): Promise<OutboundOutcome> {
  const [row] = await deps.db
    .select({ message: messages, contact: contacts })
    .from(messages)
    .innerJoin(contacts, eq(messages.contactId, contacts.id))
    .where(eq(messages.id, messageId));
  if (!row) throw new UnrecoverableError(`outbound message ${messageId} not found`);
  const { message, contact } = row;
  const log = deps.logger.child({ contact: contact.pseudonym, message: message.id });

  if (message.providerMessageId || !['queued', 'sending'].includes(message.status)) return 'already-sent';
  if (contact.optedOut && !message.ignoreOptOut) {
    await record(deps.db, message.id, {
      status: 'failed',
      errorCode: 'opted_out',
      errorMessage: 'contact opted out',
    });
    log.info('outbound message dropped: contact opted out');
    metrics.replyNotSent(message.provider, 'opted_out');
    return 'opted-out';
  }
  const provider = message.provider as Provider;
  const adapter = deps.adapters.get(provider);
  if (!adapter) {
    await record(deps.db, message.id, {
      status: 'failed',
      errorCode: 'channel_disabled',
      errorMessage: `${provider} is not configured`,
    });
    metrics.replyNotSent(provider, 'channel_disabled');
    throw new UnrecoverableError(`${provider} is not configured`);
  }

  const outgoing: OutboundMessage = {
    channel: message.channel === 'whatsapp' ? 'whatsapp' : 'sms',
    to: deps.cipher.decrypt(contact.addressEnc),
    body: message.body,
    media: message.media,
    ...(message.template ? { template: message.template } : {}),
    statusCallbackUrl: deps.statusCallbackUrl(provider),
    ...(adapter.routesReplies ? await replyRouteOf(deps.db, message) : {}),
  };
  await record(deps.db, message.id, { status: 'sending', attempts: message.attempts + 1 });
  // The message rate counts messages, not turns. The slot is taken right before the provider call, after
  // the 'sending' record, so that the rate the provider sees is the rate the limiter granted.
  const wait = (await deps.sendGate?.(provider)) ?? 0;
  if (wait > 0) {
    await record(deps.db, message.id, { status: message.status, attempts: message.attempts });
    throw new OutboundPause(wait, 'rate_limit');
  }
  const result = await adapter.send(outgoing);

  if (result.ok) {
    await record(deps.db, message.id, {
      status: result.status,
      providerMessageId: result.providerMessageId,
      errorCode: null,
      errorMessage: null,
    });
    log.info('outbound message sent');
    metrics.replySent(provider);
    return 'sent';
  }

  // The window closed between storing and sending (or the contact's clock was off): free-form text waits
  // for the citizen's next message, which releases held messages, instead of failing for good.
  const hold = result.meaning === 'outside-window' && !message.template;
  // A 429 pauses the provider's sending for as long as it asks and spends no attempt.
  const rateLimited = result.meaning === 'rate-limited';
  const willRetry = rateLimited || (result.retry && !finalAttempt);
  const unsubscribed = result.meaning === 'unsubscribed';
  // One transaction: whoever sees the failed message also sees the contact opted out.
  await deps.db.transaction(async (tx) => {
    await record(tx, message.id, {
      status: hold ? 'held' : willRetry ? 'queued' : 'failed',
      errorCode: result.errorCode,
      errorMessage: scrubNumbers(result.errorMessage),
    });
    if (unsubscribed) {
      await tx
        .update(contacts)
        .set({ optedOut: true, optedOutAt: new Date() })
        .where(and(eq(contacts.id, contact.id), eq(contacts.optedOut, false)));
    }
  });
  if (unsubscribed) log.info('contact opted out at the provider');
  if (hold) {
    log.info('outbound message held: WhatsApp window closed');
    metrics.replyNotSent(provider, 'held');
    return 'held';
  }
  metrics.replyFailed(provider, result.errorCode, willRetry);
  if (rateLimited) {
    log.info(
      { errorCode: result.errorCode, retryAfterMs: result.retryAfterMs },
      'provider asked to slow down',
    );
    throw new OutboundPause(result.retryAfterMs ?? 0, 'provider_429');
  }
  log.warn({ errorCode: result.errorCode, willRetry }, 'outbound send failed');
  if (!result.retry) throw new UnrecoverableError(`permanent send failure ${result.errorCode}`);
  throw new Error(`send failed (${result.errorCode}); will retry`);
}

async function record(
  db: DbExecutor,
  id: string,
  values: Partial<typeof messages.$inferInsert>,
): Promise<void> {
  await db
    .update(messages)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(messages.id, id));
}
