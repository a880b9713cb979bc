import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Provider } from '../../channels/channel-adapter.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { createQueueInspector } from '../../metrics/queue-inspector.js';
import { metricsRoutes } from '../routes/metrics-routes.js';
import { registerWebhookMetrics } from './webhook-metrics.js';

export interface MetricsDeps {
  config: Pick<Config, 'QUEUE_PREFIX' | 'INBOUND_PARTITIONS' | 'METRICS_TOKEN'>;
  redis: Redis;
  database: Pick<Database, 'db' | 'pool'>;
  /** Providers whose outbound queues are sampled. */
  providers: Iterable<Provider>;
}

/** Webhook counting and the /metrics route, with queue sampling closed when the app closes. */
export async function registerMetrics(app: FastifyInstance, deps: MetricsDeps): Promise<void> {
  registerWebhookMetrics(app);
  const queues = createQueueInspector({
    connection: deps.redis,
    prefix: deps.config.QUEUE_PREFIX,
    partitions: deps.config.INBOUND_PARTITIONS,
    providers: deps.providers,
  });
  app.addHook('onClose', async () => queues.close());
  await app.register(metricsRoutes, {
    sources: { queues, pool: deps.database.pool, db: deps.database.db },
    token: deps.config.METRICS_TOKEN,
  });
}
