import { Redis } from 'ioredis';

export type RedisRole = 'producer' | 'worker';

/**
 * Producers fail fast when Redis is down (no offline queue), so a webhook can answer 503 at once
 * instead of hanging past Twilio's 15-second timeout. Workers block on Redis and must retry forever
 * (BullMQ requires maxRetriesPerRequest: null for them).
 */
export function createRedisConnection(url: string, role: RedisRole): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: role === 'worker',
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectTimeout: 5000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Errors surface through failed commands; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  return redis;
}
