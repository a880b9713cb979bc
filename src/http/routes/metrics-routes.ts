import type { FastifyInstance } from 'fastify';
import type { MetricsService } from '../../metrics/metrics-service.js';
import { forbidden } from '../app-error.js';
import { maySeeInternals } from '../may-see-internals.js';

export interface MetricsRouteDeps {
  metrics: MetricsService;
  /** METRICS_TOKEN: lets a Prometheus elsewhere scrape with `Authorization: Bearer …`. */
  token: string | undefined;
}

/**
 * GET /metrics in Prometheus' text format. Queue depths and ages say how busy the service is, which is
 * for the operators' monitoring, not for the internet: only loopback callers without a proxy, or the token.
 */
export async function metricsRoutes(app: FastifyInstance, deps: MetricsRouteDeps): Promise<void> {
  // Scraped every few seconds: its requests are not worth a log line each.
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    if (!maySeeInternals(request, deps.token))
      throw forbidden('Metrics are served to this machine, or with Authorization: Bearer <METRICS_TOKEN>.');
    const body = await deps.metrics.scrape();
    return reply.type(deps.metrics.contentType).send(body);
  });
}
