import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ChannelAdapter } from '../channels/channel-adapter.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { InboundProducer } from '../pipeline/inbound-producer.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { errorHandler } from './error-handler.js';
import { healthRoutes } from './routes/health-routes.js';
import { simulatorRoutes } from './routes/simulator/simulator-routes.js';
import { twilioWebhooks } from './routes/webhooks/twilio-webhooks.js';

export interface AppDeps {
  config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY' | 'BODY_LIMIT_BYTES' | 'SIMULATOR_ENABLED'>;
  logger: Logger;
  database: Database;
  redis: Redis;
  inbound: InboundProducer;
  cipher: PiiCipher;
  twilio: ChannelAdapter | null;
}

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
    adapter: deps.twilio,
    inbound: deps.inbound,
    db: deps.database.db,
    publicUrl: deps.config.PUBLIC_URL,
  });
  if (deps.config.SIMULATOR_ENABLED) {
    await app.register(simulatorRoutes, { db: deps.database.db, inbound: deps.inbound, cipher: deps.cipher });
  }
  return app;
}
