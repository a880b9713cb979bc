import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { createMetricsService, type MetricsServiceDeps } from '../../metrics/metrics-service.js';
import { metricsRoutes } from '../routes/metrics-routes.js';
import { registerWebhookMetrics } from './webhook-metrics.js';

export type MetricsDeps = MetricsServiceDeps & { config: Pick<Config, 'METRICS_TOKEN'> };

/** Webhook counting and the /metrics route, with queue sampling closed when the app closes. */
export async function registerMetrics(app: FastifyInstance, deps: MetricsDeps): Promise<void> {
  registerWebhookMetrics(app);
  const metrics = createMetricsService(deps);
  app.addHook('onClose', async () => metrics.close());
  await app.register(metricsRoutes, { metrics, token: deps.config.METRICS_TOKEN });
}
