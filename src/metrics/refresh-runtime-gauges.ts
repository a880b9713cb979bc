import type pg from 'pg';
import type { DbExecutor } from '../db/database.js';
import { withTimeout } from '../pipeline/with-timeout.js';
import { runtimeGauges } from './metrics.js';
import { readOperationalCounts } from './operational-counts.js';
import type { QueueInspector } from './queue-inspector.js';

const SOURCE_TIMEOUT_MS = 2000;

/** What a scrape samples: the queues in Redis, the pool of this process, and a few Postgres counts. */
export interface RuntimeSources {
  queues: QueueInspector;
  pool: pg.Pool;
  db: DbExecutor;
}

/**
 * Sets the scrape-time gauges. A source that does not answer is reported through
 * suara_metrics_source_up and leaves its gauges out, rather than failing the whole scrape.
 */
export async function refreshRuntimeGauges(sources: RuntimeSources): Promise<void> {
  const gauges = runtimeGauges;
  gauges.poolConnections.set({ state: 'total' }, sources.pool.totalCount);
  gauges.poolConnections.set({ state: 'idle' }, sources.pool.idleCount);
  gauges.poolConnections.set({ state: 'waiting' }, sources.pool.waitingCount);
  gauges.poolMax.set(sources.pool.options.max ?? 10);

  const [queues, counts] = await Promise.allSettled([
    // A scrape must answer even when Redis or Postgres does not.
    withTimeout(sources.queues.snapshot(), SOURCE_TIMEOUT_MS, 'queue snapshot'),
    withTimeout(readOperationalCounts(sources.db), SOURCE_TIMEOUT_MS, 'operational counts'),
  ]);
  gauges.queueJobs.reset();
  gauges.queueOldestWaiting.reset();
  gauges.sourceUp.set({ source: 'redis' }, queues.status === 'fulfilled' ? 1 : 0);
  if (queues.status === 'fulfilled') {
    for (const queue of queues.value) {
      for (const state of ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const)
        gauges.queueJobs.set({ queue: queue.queue, state }, queue[state]);
      gauges.queueOldestWaiting.set({ queue: queue.queue }, (queue.oldestWaitingMs ?? 0) / 1000);
    }
  }
  gauges.sourceUp.set({ source: 'postgres' }, counts.status === 'fulfilled' ? 1 : 0);
  if (counts.status === 'fulfilled') {
    gauges.parkedContacts.set(counts.value.parkedContacts);
    gauges.deadLetters.set(counts.value.deadLetters);
  } else {
    gauges.parkedContacts.reset();
    gauges.deadLetters.reset();
  }
}
