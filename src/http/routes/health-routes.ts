import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../../runtime/readiness-check.js';
import { maySeeInternals } from '../may-see-internals.js';

export interface HealthDeps {
  readiness: () => Promise<Readiness>;
  /** READINESS_TOKEN: a caller presenting it as a bearer token sees the checks' details. */
  detailsToken: string | undefined;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const { ready, ...checks } = await deps.readiness();
    const status = ready ? 'ok' : 'unavailable';
    // A failing check says where it looked ("connect ECONNREFUSED 10.0.3.7:6379"): internal hosts and
    // ports are for the machine itself and for monitors with the token, not for anyone on the internet.
    const details = maySeeInternals(request, deps.detailsToken);
    return reply.status(ready ? 200 : 503).send(details ? { status, ...checks } : { status });
  });
}
