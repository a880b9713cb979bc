import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from '../runtime/create-services.js';
import { errorHandler } from './error-handler.js';
import { healthRoutes } from './routes/health-routes.js';
import { simulatorRoutes } from './routes/simulator/simulator-routes.js';
import { twilioWebhooks } from './routes/webhooks/twilio-webhooks.js';

/** What the HTTP app needs from the process's services. */
export type AppDeps = Pick<
  Services,
  'config' | 'logger' | 'database' | 'redis' | 'inbound' | 'cipher' | 'adapters'
>;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
  });
  app.setErrorHandler(errorHandler);
  await app.register(formbody);
  await app.register(healthRoutes, { pool: deps.database.pool, redis: deps.redis });
  await app.register(twilioWebhooks, {
    adapter: deps.adapters.get('twilio') ?? null,
    inbound: deps.inbound,
    db: deps.database.db,
    publicUrl: deps.config.PUBLIC_URL,
  });
  if (deps.config.SIMULATOR_ENABLED) {
    await app.register(simulatorRoutes, { db: deps.database.db, inbound: deps.inbound, cipher: deps.cipher });
  }
  return app;
}
