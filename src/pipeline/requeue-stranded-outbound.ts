import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import type { OutboundProducer } from './outbound-producer.js';

/**
 * The outbound half of the outbox: replies committed as `queued` whose job never reached Redis (Redis
 * was down, or the process died between the commit and the enqueue) are queued now. A contact's
 * stranded replies go out as one job, oldest first, so they keep their order. Returns how many were queued.
 */
export async function requeueStrandedOutbound(
  db: Db,
  outbound: OutboundProducer,
  providers: Iterable<Provider>,
  graceMs: number,
  batch = 500,
): Promise<number> {
  const enabled = [...providers];
  if (enabled.length === 0) return 0;
  const cutoff = new Date(Date.now() - graceMs);
  const stranded = await db
    .select({
      id: messages.id,
      provider: messages.provider,
      contactId: messages.contactId,
      updatedAt: messages.updatedAt,
    })
    .from(messages)
    .where(
      and(
        eq(messages.direction, 'outbound'),
        eq(messages.status, 'queued'),
        isNull(messages.enqueuedAt),
        isNull(messages.providerMessageId),
        // Never attempted: one with an attempt on record goes to reconciliation (requeueOpenAttempts).
        isNull(messages.sendAttemptedAt),
        inArray(messages.provider, enabled),
        lt(messages.updatedAt, cutoff),
        lt(messages.createdAt, cutoff),
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(batch);

  const turns = new Map<string, { provider: Provider; ids: string[]; lastUpdate: number }>();
  for (const row of stranded) {
    const key = `${row.provider}/${row.contactId}`;
    const turn = turns.get(key) ?? { provider: row.provider as Provider, ids: [], lastUpdate: 0 };
    turn.ids.push(row.id);
    turn.lastUpdate = Math.max(turn.lastUpdate, row.updatedAt.getTime());
    turns.set(key, turn);
  }
  let queued = 0;
  for (const turn of turns.values()) {
    const outcome = await outbound.requeue(turn.provider, turn.ids, String(turn.lastUpdate));
    // 'pending': an earlier job still holds the first of them; it is looked at again next sweep.
    if (outcome === 'pending') continue;
    await db.update(messages).set({ enqueuedAt: new Date() }).where(inArray(messages.id, turn.ids));
    queued += turn.ids.length;
  }
  return queued;
}
