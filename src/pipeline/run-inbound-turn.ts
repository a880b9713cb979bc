import { inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics/metrics.js';
import { applyContactLimits, type LimitVerdict } from './apply-contact-limits.js';
import { joinParts } from './coalesce-batch.js';
import type { HandledContact, HandledMessage, HandlerResult } from './conversation-handler.js';
import { enqueueReplies } from './enqueue-replies.js';
import type { InboundJob } from './inbound-job.js';
import type { InboundDeps, InboundOutcome } from './process-inbound.js';
import { releaseHeldMessages } from './release-held-messages.js';

export interface TurnScope {
  deps: InboundDeps;
  job: InboundJob;
  contact: HandledContact;
  log: Logger;
}

export interface TurnOutcome {
  replyIds: string[];
  afterCommit?: () => Promise<void>;
  parked: LimitVerdict;
  parts: number;
}

/**
 * One conversation turn over one or more quick messages (oldest first), inside the caller's
 * transaction: the handler sees them as one message (the first one's id, their texts joined in order),
 * its replies answer the first, and every part is marked handled — the later ones as joined to the
 * first — in the same commit, so a retry after a crash recomputes the same turn and answers once.
 */
export async function runInboundTurn(
  scope: TurnScope,
  tx: DbExecutor,
  parts: HandledMessage[],
): Promise<TurnOutcome> {
  const { deps, job, contact } = scope;
  const [first] = parts;
  const newest = parts.at(-1);
  if (!first || !newest) throw new Error('a turn needs a message');
  const message: HandledMessage =
    parts.length === 1
      ? first
      : {
          ...first,
          body: joinParts(parts.map((part) => part.body)),
          media: parts.flatMap((part) => part.media),
          receivedAt: newest.receivedAt,
          parts: parts.length,
        };
  // Every part handled, the later ones joined to the first.
  const markHandled = tx
    .update(messages)
    .set({
      handledAt: sql`clock_timestamp()`,
      inReplyTo: sql`case when ${messages.id} = ${first.id} then ${messages.inReplyTo} else ${first.id}::uuid end`,
    })
    .where(
      inArray(
        messages.id,
        parts.map((part) => part.id),
      ),
    );
  const verdict = deps.limits
    ? await applyContactLimits(tx, contact.id, message.receivedAt, deps.limits)
    : ({ parked: false } as const);
  if (verdict.parked) {
    await markHandled;
    return { replyIds: [], parked: verdict, parts: parts.length };
  }

  const result: HandlerResult = await deps.handler.handle({ message, contact, tx });
  const replyRows = result.replies.map((reply) => ({
    direction: 'outbound' as const,
    channel: job.channel,
    provider: job.provider,
    contactId: contact.id,
    body: reply.body,
    media: reply.media ?? [],
    status: 'queued' as const,
    inReplyTo: first.id,
    // now() is fixed for the whole transaction; replies need distinct, ordered times.
    createdAt: sql`clock_timestamp()`,
    ignoreOptOut: reply.ignoreOptOut ?? false,
  }));
  let replyIds: string[] = [];
  if (replyRows.length === 0) await markHandled;
  else {
    // The replies and the handled mark in one statement (the update as a data-modifying CTE).
    const inserted = await tx.execute<{ id: string }>(
      sql`with handled as (${markHandled.getSQL()}) ${tx
        .insert(messages)
        .values(replyRows)
        .returning({ id: messages.id })
        .getSQL()}`,
    );
    replyIds = inserted.rows.map((row) => row.id);
  }
  return {
    replyIds,
    ...(result.afterCommit ? { afterCommit: result.afterCommit } : {}),
    parked: verdict,
    parts: parts.length,
  };
}

/** After a turn committed: its cache refresh, then its replies to the send queue. */
export async function finishInboundTurn(
  scope: TurnScope,
  outcome: TurnOutcome,
): Promise<[InboundOutcome, Record<string, unknown>]> {
  const { deps, job, contact, log } = scope;
  const joined = outcome.parts > 1 ? { parts: outcome.parts } : {};
  if (outcome.parked.parked) {
    // The pseudonym only (the child logger's): never the number.
    if (outcome.parked.newlyParked) {
      log.warn({ reason: outcome.parked.reason }, 'contact parked: messages stored but not answered');
      metrics.contactParked(outcome.parked.reason);
    }
    return ['parked', { reason: outcome.parked.reason, ...joined }];
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
  return ['handled', { replies: outcome.replyIds.length, ...joined }];
}
