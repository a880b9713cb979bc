import type { Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import type { Readiness } from '../runtime/readiness-check.js';
import { type OperationalCounts, readOperationalCounts } from './operational-counts.js';
import type { QueueInspector, QueueSnapshot } from './queue-inspector.js';

export interface SystemStatus {
  readiness: Readiness;
  /** Providers this configuration can send through. */
  providers: Provider[];
  /** Null when Redis did not answer. */
  queues: QueueSnapshot[] | null;
  /** Null when Postgres did not answer. */
  counts: OperationalCounts | null;
}

/** What an operator checks first: connections and channels, queues and their age, parked and dead. */
export async function readSystemStatus(deps: {
  readiness: () => Promise<Readiness>;
  queues: QueueInspector;
  db: DbExecutor;
  providers: Iterable<Provider>;
}): Promise<SystemStatus> {
  const readiness = await deps.readiness();
  const [queues, counts] = await Promise.all([
    readiness.redis === 'ok' ? deps.queues.snapshot() : null,
    readiness.postgres === 'ok' ? readOperationalCounts(deps.db) : null,
  ]);
  return { readiness, providers: [...deps.providers], queues, counts };
}
