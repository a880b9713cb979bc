import type { Redis } from 'ioredis';
import type { ChannelAdapter, Provider } from '../channels/channel-adapter.js';
import type { Channel } from '../channels/channel-module.js';
import { createChannels } from '../channels/channel-registry.js';
import { simulatorAdapter } from '../channels/simulator/simulator-adapter.js';
import type { Config } from '../config.js';
import { createDatabase, type Database } from '../db/database.js';
import { describeConnectionError } from '../db/describe-connection-error.js';
import type { Logger } from '../logger.js';
import { createLocalMediaStore } from '../media/local-media-store.js';
import { createMediaProducer, type MediaProducer } from '../media/media-producer.js';
import type { MediaStore } from '../media/media-store.js';
import { createInboundProducer, type InboundProducer } from '../pipeline/inbound-producer.js';
import { createOutboundProducer, type OutboundProducer } from '../pipeline/outbound-producer.js';
import { createRedisConnection } from '../pipeline/redis-connection.js';
import { withTimeout } from '../pipeline/with-timeout.js';
import { createPiiCipher, type PiiCipher } from '../privacy/pii-cipher.js';
import { redisClusterProblem } from './redis-cluster-problem.js';

/** Everything with a connection or a secret, built once per process from the typed config. */
export interface Services {
  config: Config;
  logger: Logger;
  cipher: PiiCipher;
  database: Database;
  redis: Redis;
  inbound: InboundProducer;
  outbound: OutboundProducer;
  /** Downloaded attachments (MEDIA_DIR), named by SHA-256. */
  mediaStore: MediaStore;
  /** Queues attachment downloads. */
  media: MediaProducer;
  /** The enabled providers (src/channels/channel-registry.ts), with their health and lifecycle. */
  channels: ReadonlyMap<Provider, Channel>;
  /** Every provider that can send: the enabled channels' adapters and the simulator's. */
  adapters: ReadonlyMap<Provider, ChannelAdapter>;
  close(): Promise<void>;
}

export function createServices(config: Config, logger: Logger): Services {
  const cipher = createPiiCipher(config.piiKeys);
  const database = createDatabase(config.DATABASE_URL, { logger });
  const redis = createRedisConnection(config, 'producer');
  const inbound = createInboundProducer({
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    partitions: config.INBOUND_PARTITIONS,
    timeoutMs: config.ENQUEUE_TIMEOUT_MS,
    cipher,
    waitReplicas: config.REDIS_WAIT_REPLICAS,
    waitTimeoutMs: config.REDIS_WAIT_TIMEOUT_MS,
  });
  const outbound = createOutboundProducer({
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    maxAttempts: config.OUTBOUND_MAX_ATTEMPTS,
    backoffMs: config.OUTBOUND_BACKOFF_MS,
    timeoutMs: config.ENQUEUE_TIMEOUT_MS,
  });
  const mediaStore = createLocalMediaStore(config.MEDIA_DIR);
  const media = createMediaProducer({
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    attempts: config.MEDIA_DOWNLOAD_ATTEMPTS,
    timeoutMs: config.ENQUEUE_TIMEOUT_MS,
  });
  const channels = createChannels(config, { logger, redis, queuePrefix: config.QUEUE_PREFIX });
  const adapters = new Map<Provider, ChannelAdapter>();
  for (const [provider, channel] of channels) adapters.set(provider, channel.adapter);
  if (config.SIMULATOR_ENABLED) adapters.set('simulator', simulatorAdapter);

  return {
    config,
    logger,
    cipher,
    database,
    redis,
    inbound,
    outbound,
    mediaStore,
    media,
    channels,
    adapters,
    async close() {
      await Promise.allSettled([inbound.close(), outbound.close(), media.close()]);
      redis.disconnect();
      await database.close();
    },
  };
}

/** Fails with one readable line per unreachable service instead of a driver stack trace. */
export async function checkConnections(services: Services): Promise<string[]> {
  const problems: string[] = [];
  try {
    await withTimeout(services.database.pool.query('select 1'), 6000, 'Postgres connection');
  } catch (error) {
    problems.push(describeConnectionError('Postgres', services.config.DATABASE_URL, error));
  }
  const { REDIS_SENTINELS: sentinels, REDIS_SENTINEL_NAME: name } = services.config;
  try {
    await withTimeout(waitForRedis(services.redis), 6000, 'Redis connection');
    const cluster = await redisClusterProblem(services.redis);
    if (cluster) problems.push(cluster);
  } catch (error) {
    problems.push(
      sentinels
        ? `Cannot reach the Redis master "${name}" through the sentinels ${sentinels.map((s) => `${s.host}:${s.port}`).join(', ')}: ${error instanceof Error ? error.message : String(error)}. Check REDIS_SENTINELS and REDIS_SENTINEL_NAME (the name in \`sentinel monitor\`).`
        : describeConnectionError('Redis', services.config.REDIS_URL, error),
    );
  }
  return problems;
}

async function waitForRedis(redis: Redis): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < 25; i++) {
    try {
      await redis.ping();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw lastError;
}
