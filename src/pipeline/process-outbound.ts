import { UnrecoverableError } from 'bullmq';
import { and, eq } from 'drizzle-orm';
import type { ChannelAdapter, OutboundMessage, Provider, SendLane } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { type MessageRow, messages } from '../db/schema/messages.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics/metrics.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { scrubNumbers } from '../privacy/scrub-numbers.js';
import { OutboundPause } from './outbound-pause.js';
import { type AttemptResolution, reconcileSendAttempt } from './reconcile-send-attempt.js';
import { replyRouteOf } from './reply-route-of.js';
import {
  beginSendAttempt,
  cancelSendAttempt,
  type OpenAttempt,
  recordSend,
} from './send-attempt-repository.js';

export interface OutboundDeps {
  db: Db;
  cipher: PiiCipher;
  adapters: ReadonlyMap<Provider, ChannelAdapter>;
  /** Where providers should post delivery statuses; undefined when no public URL is configured. */
  statusCallbackUrl(provider: Provider): string | undefined;
  logger: Logger;
  /**
   * How many ms until the provider — or, with `lane`, that gateway of it — may take another message
   * (0: now); without it, no message limit.
   */
  sendGate?: (provider: Provider, lane?: SendLane) => Promise<number>;
}

export type OutboundOutcome =
  | 'sent'
  | 'already-sent'
  | 'opted-out'
  | 'held'
  /** An earlier attempt's outcome was unknown; the provider said it has the message. */
  | 'reconciled'
  /** An earlier attempt's outcome is unknown and cannot be learnt: not sent again, flagged for staff. */
  | 'unconfirmed';

/**
 * Sends one stored outbound message, at most once as the citizen sees it: the attempt is committed
 * before the provider is called (no commit, no call), and an attempt found still open — its answer was
 * never recorded — is reconciled with the provider instead of being sent again. Throws to make BullMQ
 * retry (network, 429, 5xx) and throws UnrecoverableError for permanent failures, after recording the
 * status either way.
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
  const { contact } = row;
  let message = row.message;
  const log = deps.logger.child({ contact: contact.pseudonym, message: message.id });

  if (message.providerMessageId || !['queued', 'sending'].includes(message.status)) return 'already-sent';
  const provider = message.provider as Provider;
  const adapter = deps.adapters.get(provider);
  const outgoing = async (): Promise<OutboundMessage> => ({
    channel: message.channel === 'whatsapp' ? 'whatsapp' : 'sms',
    to: deps.cipher.decrypt(contact.addressEnc),
    body: message.body,
    media: message.media,
    ...(message.template ? { template: message.template } : {}),
    statusCallbackUrl: deps.statusCallbackUrl(provider),
    ...(adapter?.routesReplies ? await replyRouteOf(deps.db, message) : {}),
    ...(message.sendAttemptKey ? { attemptKey: message.sendAttemptKey } : {}),
  });

  if (message.sendAttemptedAt) {
    const attempt = { attemptedAt: message.sendAttemptedAt, attemptKey: message.sendAttemptKey ?? '' };
    const settled = await settleOpenAttempt(deps, message, adapter, await outgoing(), attempt, finalAttempt);
    if (settled !== 'not-sent') return settled;
    message = { ...message, status: 'queued', sendAttemptedAt: null };
    log.info('earlier send attempt did not reach the provider: sending');
  }

  if (contact.optedOut && !message.ignoreOptOut) {
    await recordSend(deps.db, message.id, {
      status: 'failed',
      errorCode: 'opted_out',
      errorMessage: 'contact opted out',
    });
    log.info('outbound message dropped: contact opted out');
    metrics.replyNotSent(message.provider, 'opted_out');
    return 'opted-out';
  }
  if (!adapter) {
    await recordSend(deps.db, message.id, {
      status: 'failed',
      errorCode: 'channel_disabled',
      errorMessage: `${provider} is not configured`,
    });
    metrics.replyNotSent(provider, 'channel_disabled');
    throw new UnrecoverableError(`${provider} is not configured`);
  }

  const base = await outgoing();
  // Committed before the call: if this fails, the provider is not called and the job retries.
  const attempt = await beginSendAttempt(deps.db, message);
  if (!attempt) return 'already-sent';
  // The message rate counts messages, not turns. The slot is taken right before the provider call,
  // after the attempt's commit, so that the rate the provider sees is the rate the limiter granted.
  const lane = adapter.sendLane?.(base);
  const wait = (await deps.sendGate?.(provider, lane)) ?? 0;
  if (wait > 0) {
    await cancelSendAttempt(deps.db, message, attempt);
    throw new OutboundPause(wait, 'rate_limit', lane?.key);
  }
  const result = await adapter.send({ ...base, attemptKey: attempt.attemptKey });

  if (result.ok) {
    // If this update is lost (Postgres gone, process killed), the next attempt finds the attempt open
    // and asks the provider rather than sending again.
    await recordSend(deps.db, message.id, {
      status: result.status,
      providerMessageId: result.providerMessageId,
      sendAttemptedAt: null,
      errorCode: null,
      errorMessage: null,
    });
    log.info('outbound message sent');
    metrics.replySent(provider);
    return 'sent';
  }

  if (result.uncertain) {
    metrics.replyFailed(provider, result.errorCode, !finalAttempt);
    log.warn({ errorCode: result.errorCode }, 'outbound send outcome unknown: the provider will be asked');
    // The attempt stays open: the retry reconciles it. On the last attempt there is no retry: ask now.
    if (!finalAttempt) throw new Error(`send outcome unknown (${result.errorCode}); will reconcile`);
    const settled = await settleOpenAttempt(deps, message, adapter, base, attempt, true);
    if (settled === 'not-sent') {
      await recordSend(deps.db, message.id, {
        status: 'failed',
        sendAttemptedAt: null,
        errorCode: result.errorCode,
        errorMessage: scrubNumbers(result.errorMessage),
      });
      throw new UnrecoverableError(`send failed (${result.errorCode}); no attempts left`);
    }
    return settled;
  }

  // The window closed between storing and sending (or the contact's clock was off): free-form text waits
  // for the citizen's next message, which releases held messages, instead of failing for good.
  const hold = result.meaning === 'outside-window' && !message.template;
  // A 429 pauses the provider's (or that gateway's) sending for as long as it asks and spends no attempt.
  const rateLimited = result.meaning === 'rate-limited';
  const willRetry = rateLimited || (result.retry && !finalAttempt);
  const unsubscribed = result.meaning === 'unsubscribed';
  // One transaction: whoever sees the failed message also sees the contact opted out.
  await deps.db.transaction(async (tx) => {
    // The provider answered: the attempt is closed, and a retry may send afresh.
    await recordSend(tx, message.id, {
      status: hold ? 'held' : willRetry ? 'queued' : 'failed',
      sendAttemptedAt: null,
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
    throw new OutboundPause(result.retryAfterMs ?? 0, 'provider_429', lane?.key);
  }
  log.warn({ errorCode: result.errorCode, willRetry }, 'outbound send failed');
  if (!result.retry) throw new UnrecoverableError(`permanent send failure ${result.errorCode}`);
  throw new Error(`send failed (${result.errorCode}); will retry`);
}

/**
 * Settles an attempt whose outcome was never recorded: 'not-sent' (closed, so the caller may send
 * afresh), or what was recorded instead. Throws to ask the provider again on the job's next attempt.
 */
async function settleOpenAttempt(
  deps: OutboundDeps,
  message: Pick<MessageRow, 'id' | 'provider'>,
  adapter: ChannelAdapter | undefined,
  outgoing: OutboundMessage,
  attempt: OpenAttempt,
  finalAttempt: boolean,
): Promise<'reconciled' | 'unconfirmed' | 'not-sent'> {
  const provider = message.provider as Provider;
  const log = deps.logger.child({ message: message.id });
  let resolution: AttemptResolution = await reconcileSendAttempt(
    deps.db,
    provider,
    adapter,
    outgoing,
    attempt,
  );
  if (resolution.kind === 'ask-later') {
    log.warn({ errorCode: resolution.errorCode }, 'could not ask the provider about an earlier send attempt');
    if (!finalAttempt) throw new Error(`reconciliation failed (${resolution.errorCode}); will retry`);
    resolution = { kind: 'unconfirmed', reason: resolution.errorMessage };
  }
  if (resolution.kind === 'sent') {
    await recordSend(deps.db, message.id, {
      status: resolution.status,
      providerMessageId: resolution.providerMessageId,
      sendAttemptedAt: null,
      errorCode: null,
      errorMessage: null,
    });
    log.info('earlier send attempt reached the provider: recorded, not sent again');
    metrics.replySent(provider);
    return 'reconciled';
  }
  if (resolution.kind === 'unconfirmed') {
    // The attempt time stays on the row: staff see when it may have gone out.
    await recordSend(deps.db, message.id, {
      status: 'unconfirmed',
      errorCode: 'unconfirmed',
      errorMessage: scrubNumbers(resolution.reason).slice(0, 300),
    });
    log.warn('outbound message unconfirmed: not sent again, flagged for staff');
    metrics.replyNotSent(provider, 'unconfirmed');
    return 'unconfirmed';
  }
  await recordSend(deps.db, message.id, { status: 'queued', sendAttemptedAt: null });
  return 'not-sent';
}
