import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';

export type RedisRole = 'producer' | 'worker';

/** Where Redis is: REDIS_URL alone, or sentinels that name the master (REDIS_URL then gives credentials, db, TLS). */
export type RedisTarget = Pick<
  Config,
  'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME' | 'REDIS_SENTINEL_PASSWORD'
>;

/**
 * Producers fail fast when Redis is down (no offline queue), so a webhook can answer 503 at once
 * instead of hanging past Twilio's 15-second timeout. Workers block on Redis and must retry forever
 * (BullMQ requires maxRetriesPerRequest: null for them).
 */
export function createRedisConnection(target: string | RedisTarget, role: RedisRole): Redis {
  const url = typeof target === 'string' ? target : target.REDIS_URL;
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: role === 'worker',
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectTimeout: 5000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // A master demoted by a failover answers writes with READONLY: reconnect (through the sentinels,
    // to the new master) and send the command again.
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    ...(typeof target === 'string' ? {} : sentinelOptions(target)),
  });
  // Errors surface through failed commands; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}

function sentinelOptions(target: RedisTarget): RedisOptions {
  if (!target.REDIS_SENTINELS?.length) return {};
  // rediss:// means TLS to the data nodes and to the sentinels alike (one tls-port setup on each machine).
  const tls = target.REDIS_URL.startsWith('rediss://');
  return {
    sentinels: target.REDIS_SENTINELS,
    name: target.REDIS_SENTINEL_NAME,
    sentinelPassword: target.REDIS_SENTINEL_PASSWORD,
    // Sentinels announce +switch-master: connections move at once, not only when their socket breaks
    // (a master cut off by a partition may keep its clients' sockets open).
    failoverDetector: true,
    enableTLSForSentinelMode: tls,
    ...(tls ? { sentinelTLS: {} } : {}),
    sentinelRetryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  };
}
