import type { FastifyInstance } from 'fastify';
import { metrics } from '../../metrics/metrics.js';

const WEBHOOK_ROUTE = /^\/webhooks\/([a-z0-9-]{1,40})(\/.*)?$/;

/**
 * Counts every answered webhook request by provider, route pattern and status. The route pattern, not
 * the URL: labels stay bounded whatever a caller sends, and unrouted requests (404s) are not counted.
 */
export function registerWebhookMetrics(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, the webhooks' hot path included.
  app.addHook('onResponse', (request, reply, done) => {
    const pattern = request.routeOptions.url;
    const match = pattern === undefined ? null : WEBHOOK_ROUTE.exec(pattern);
    if (pattern !== undefined && match?.[1])
      metrics.webhookRequest(match[1], pattern.replace(/(.)\/+$/, '$1'), reply.statusCode);
    done();
  });
}
