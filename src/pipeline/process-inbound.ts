import { and, eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import type { InboundMedia } from '../media/inbound-media.js';
import { recordPlaceHint } from '../media/place-hint-repository.js';
import { metrics } from '../metrics/metrics.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import type { ContactLimits } from './apply-contact-limits.js';
import { type CoalesceRule, MAX_PARTS_PER_TURN, nextTurn } from './coalesce-batch.js';
import { coalescePending } from './coalesce-pending.js';
import { coalesceWindowFor } from './coalesce-window-for.js';
import { newContactPseudonym } from './contact-pseudonym.js';
import type { ConversationHandler, HandledContact, HandledMessage } from './conversation-handler.js';
import { type InboundJob, unsealInbound } from './inbound-job.js';
import type { OutboundProducer } from './outbound-producer.js';
import { finishInboundTurn, runInboundTurn } from './run-inbound-turn.js';
import { storableText } from './storable-text.js';
import { type InboundToStore, storeInboundMessage } from './store-inbound-message.js';

export interface InboundDeps {
  db: Db;
  cipher: PiiCipher;
  handler: ConversationHandler;
  outbound: OutboundProducer;
  logger: Logger;
  /** Flood limits per contact; without them every message is answered. */
  limits?: ContactLimits;
  /**
   * A contact's messages this close together are answered as one turn (COALESCE_WINDOW_MS); without
   * it, or 0, each message is its own turn, answered at once.
   */
  coalesceWindowMs?: number;
  /** The clock the window is measured on (epoch ms); default Date.now. */
  now?: () => number;
  /** Attachments downloaded into the media store; without it they stay provider links. */
  media?: InboundMedia;
}

/** `coalesced`: the message was answered as a later part of an earlier message's turn. */
export type InboundOutcome = 'handled' | 'duplicate' | 'parked' | 'coalesced';

/** The message's turn may still grow: the job should run again at `waitUntil` (epoch ms). */
export interface InboundWait {
  waitUntil: number;
}

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
 *
 * With a coalescing window, a contact's messages that follow each other within it are one turn: the
 * job answers once the window after the newest has passed with nothing more (returning `waitUntil`
 * until then), and the later parts' own jobs find themselves answered (`coalesced`). Nothing of this
 * lives in the job: a job retried or run by another worker recomputes the same turn from Postgres.
 */
export async function processInbound(
  deps: InboundDeps,
  job: InboundJob,
  trace?: InboundTrace,
): Promise<InboundOutcome | InboundWait> {
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
  const toStore: InboundToStore = {
    channel: job.channel,
    provider: job.provider,
    providerMessageId: job.providerMessageId,
    addressHash: job.fromHash,
    addressEnc: deps.cipher.encrypt(from),
    pseudonym: newContactPseudonym(),
    body,
    media,
    receivedAt,
  };
  // One statement, unless a shared place or attachments must be recorded with the message.
  const stored =
    !sealed.location && media.length === 0
      ? { ...(await storeInboundMessage(deps.db, toStore)), media, mediaIds: undefined }
      : await deps.db.transaction(async (tx) => {
          const { contact, messageId } = await storeInboundMessage(tx, toStore);
          // A shared position is a hint for placing the report, shown to staff (never a place by itself).
          if (sealed.location)
            await recordPlaceHint(tx, { messageId, source: 'shared_location', ...sealed.location });
          // From here on the message and its report refer to stored media by id, not by the provider's URL.
          const registered = await deps.media?.register(tx, messageId, job.provider, media);
          return { contact, messageId, media: registered?.refs ?? media, mediaIds: registered?.pendingIds };
        });

  const contact: HandledContact = { ...stored.contact, channel: job.channel, provider: job.provider };
  const message: HandledMessage = {
    id: stored.messageId,
    channel: job.channel,
    provider: job.provider,
    body,
    media: stored.media,
    receivedAt,
  };
  const log = deps.logger.child({ contact: contact.pseudonym, message: message.id });
  if (stored.mediaIds?.length) await queueMediaDownloads(deps, stored.mediaIds, log);
  const done = (outcome: InboundOutcome, fields: Record<string, unknown> = {}): InboundOutcome => {
    logHandled(log, job, receivedAt, startedAt, trace, outcome, fields);
    return outcome;
  };
  const turns = { deps, job, contact, log };

  const windowMs = coalesceWindowFor(job.provider, deps.coalesceWindowMs ?? 0);
  if (windowMs <= 0) {
    const outcome = await deps.db.transaction(async (tx) => {
      // The row lock makes a concurrent redelivery wait here, then see the message as handled.
      const [current] = await tx
        .select({ handledAt: messages.handledAt })
        .from(messages)
        .where(eq(messages.id, message.id))
        .for('update');
      if (current?.handledAt) return null;
      return runInboundTurn(turns, tx, [message]);
    });
    if (!outcome) return done('duplicate');
    return done(...(await finishInboundTurn(turns, outcome)));
  }

  // Quick messages are one turn: the contact's waiting messages are answered oldest turn first, by
  // whichever of their jobs runs, so a job may answer earlier turns before its own (order holds).
  const rule: CoalesceRule = {
    windowMs,
    maxParts: MAX_PARTS_PER_TURN,
    ...(deps.handler.joinable ? { joinable: deps.handler.joinable } : {}),
  };
  const now = deps.now ?? Date.now;
  // Just received: its turn cannot be ready before the window after it has passed (the contact's later
  // messages queue behind it), so the job waits without a transaction. Earlier messages still waiting
  // are answered by their own jobs, which wake when their turn is due.
  const windowEndsAt = receivedAt.getTime() + windowMs;
  if (windowEndsAt > now() && receivedAt.getTime() <= now() && (rule.joinable?.(body, 'first') ?? true))
    return { waitUntil: windowEndsAt };
  for (;;) {
    const step = await deps.db.transaction(async (tx) => {
      const pending = await coalescePending(tx, contact.id, message.id);
      if (!pending.some((row) => row.id === message.id)) return { kind: 'answered' as const };
      const turn = nextTurn(pending, rule);
      if (!turn) return { kind: 'answered' as const };
      // Never longer than one window from now, whatever a provider's clock said.
      if (turn.readyAt > now())
        return { kind: 'wait' as const, until: Math.min(turn.readyAt, now() + windowMs) };
      const parts = turn.parts.map(
        (row): HandledMessage =>
          row.id === message.id
            ? message
            : { ...row, channel: job.channel, provider: job.provider, media: row.media },
      );
      const mine = parts.some((part) => part.id === message.id);
      return { kind: 'turn' as const, mine, outcome: await runInboundTurn(turns, tx, parts) };
    });
    if (step.kind === 'wait') return { waitUntil: step.until };
    if (step.kind === 'answered') {
      // Answered by another of the contact's jobs: as part of a joined turn, or a redelivery.
      const [joined] = await deps.db
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.direction, 'inbound'),
            or(
              and(eq(messages.id, message.id), isNotNull(messages.inReplyTo)),
              eq(messages.inReplyTo, message.id),
            ),
          ),
        )
        .limit(1);
      return done(joined ? 'coalesced' : 'duplicate');
    }
    const [outcome, fields] = await finishInboundTurn(turns, step.outcome);
    if (step.mine) return done(outcome, fields);
  }
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

/** After the commit; Redis away leaves the downloads pending, for the media worker's sweep. */
async function queueMediaDownloads(deps: InboundDeps, ids: string[], log: Logger): Promise<void> {
  try {
    await deps.media?.producer.enqueue(ids);
  } catch (error) {
    log.warn({ err: describeError(error) }, 'media downloads not queued; left to the pending-media sweep');
  }
}
