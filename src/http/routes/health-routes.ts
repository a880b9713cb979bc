import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecretToken } from '../../auth/secret-token.js';
import type { Readiness } from '../../runtime/readiness-check.js';

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
    const details = maySeeDetails(request, deps.detailsToken);
    return reply.status(ready ? 200 : 503).send(details ? { status, ...checks } : { status });
  });
}

function maySeeDetails(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers.authorization;
  if (token && header?.startsWith('Bearer ')) return sameSecret(header.slice('Bearer '.length).trim(), token);
  // The socket's address, not request.ip: a reverse proxy on the same machine makes every caller look
  // local, and X-Forwarded-For is whatever the caller wrote. A forwarded request is never "local".
  if (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined)
    return false;
  return isLoopback(request.socket.remoteAddress ?? '');
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Compares hashes of equal length, so the comparison takes the same time whatever was sent. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(
    Buffer.from(hashSecretToken(given), 'hex'),
    Buffer.from(hashSecretToken(expected), 'hex'),
  );
}
