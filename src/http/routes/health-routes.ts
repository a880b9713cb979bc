import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../../runtime/readiness-check.js';

export interface HealthDeps {
  readiness: () => Promise<Readiness>;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const { ready, ...checks } = await deps.readiness();
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', ...checks });
  });
}
