import { UnrecoverableError } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { ChannelAdapter, Provider } from '../channels/channel-adapter.js';
import type { Db, DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';
import type { Logger } from '../logger.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { scrubNumbers } from '../privacy/scrub-numbers.js';
import { UNSUBSCRIBED_CODES } from './apply-status-update.js';

export interface OutboundDeps {
  db: Db;
  cipher: PiiCipher;
  adapters: ReadonlyMap<Provider, ChannelAdapter>;
  /** Where providers should post delivery statuses; undefined when no public URL is configured. */
  statusCallbackUrl(provider: Provider): string | undefined;
  logger: Logger;
}

export type OutboundOutcome = 'sent' | 'already-sent' | 'opted-out' | 'held';

/** Twilio: "Failed to send freeform message because you are outside the allowed window." */
const OUTSIDE_WINDOW_CODE = '63016';

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
    throw new UnrecoverableError(`${provider} is not configured`);
  }

  await record(deps.db, message.id, { status: 'sending', attempts: message.attempts + 1 });
  const result = await adapter.send({
    channel: message.channel === 'whatsapp' ? 'whatsapp' : 'sms',
    to: deps.cipher.decrypt(contact.addressEnc),
    body: message.body,
    media: message.media,
    ...(message.template ? { template: message.template } : {}),
    statusCallbackUrl: deps.statusCallbackUrl(provider),
  });

  if (result.ok) {
    await record(deps.db, message.id, {
      status: result.status,
      providerMessageId: result.providerMessageId,
      errorCode: null,
      errorMessage: null,
    });
    log.info('outbound message sent');
    return 'sent';
  }

  // The window closed between storing and sending (or the contact's clock was off): free-form text waits
  // for the citizen's next message, which releases held messages, instead of failing for good.
  const hold = result.errorCode === OUTSIDE_WINDOW_CODE && !message.template;
  const willRetry = result.retry && !finalAttempt;
  const unsubscribed = UNSUBSCRIBED_CODES.has(result.errorCode);
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
    return 'held';
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
