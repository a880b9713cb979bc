import { and, asc, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import type { OutboundProducer } from './outbound-producer.js';

/**
 * Replies whose send attempt is still open long after any retry of its job would have run (the job
 * ran out of attempts while Postgres was away, or was lost with Redis): queued again so that a job
 * reconciles them with the provider. Never sent blindly: the job asks first. Returns how many.
 */
export async function requeueOpenAttempts(
  db: Db,
  outbound: OutboundProducer,
  providers: Iterable<Provider>,
  staleMs: number,
  batch = 200,
): Promise<number> {
  const enabled = [...providers];
  if (enabled.length === 0) return 0;
  const open = await db
    .select({ id: messages.id, provider: messages.provider, attemptedAt: messages.sendAttemptedAt })
    .from(messages)
    .where(
      and(
        eq(messages.direction, 'outbound'),
        eq(messages.status, 'sending'),
        isNotNull(messages.sendAttemptedAt),
        isNull(messages.providerMessageId),
        inArray(messages.provider, enabled),
        lt(messages.sendAttemptedAt, new Date(Date.now() - staleMs)),
      ),
    )
    .orderBy(asc(messages.sendAttemptedAt))
    .limit(batch);
  let queued = 0;
  for (const row of open) {
    // One job per reply: its job id derives from the attempt, the same in every sweeping process.
    const outcome = await outbound.requeue(
      row.provider as Provider,
      [row.id],
      `a${row.attemptedAt?.getTime() ?? 0}`,
    );
    if (outcome === 'queued') queued += 1;
  }
  return queued;
}
