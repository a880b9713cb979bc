import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { metricsRegistry } from './metrics-registry.js';
import { createQueueInspector } from './queue-inspector.js';
import { refreshRuntimeGauges } from './refresh-runtime-gauges.js';

export interface MetricsServiceDeps {
  config: Pick<Config, 'QUEUE_PREFIX' | 'INBOUND_PARTITIONS'>;
  redis: Redis;
  database: Pick<Database, 'db' | 'pool'>;
  /** Providers whose outbound queues are sampled. */
  providers: Iterable<Provider>;
}

/** A scrape: the scrape-time gauges refreshed from the queues, the pool and Postgres, then the text format. */
export function createMetricsService(deps: MetricsServiceDeps) {
  const queues = createQueueInspector({
    connection: deps.redis,
    prefix: deps.config.QUEUE_PREFIX,
    partitions: deps.config.INBOUND_PARTITIONS,
    providers: deps.providers,
  });
  const sources = { queues, pool: deps.database.pool, db: deps.database.db };
  return {
    contentType: metricsRegistry.contentType,
    async scrape(): Promise<string> {
      await refreshRuntimeGauges(sources);
      return metricsRegistry.metrics();
    },
    close: () => queues.close(),
  };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
