import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Remembers signatures already seen (in Redis, so every API process shares them) for a time window. */
export function createReplayGuard(redis: Redis, prefix: string) {
  const keyOf = (signature: string) => `${prefix}:${createHash('sha256').update(signature).digest('hex')}`;
  return {
    /** True the first time a signature is presented within `ttlSeconds`; false for a replay. */
    async claim(signature: string, ttlSeconds: number): Promise<boolean> {
      return (await redis.set(keyOf(signature), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    },
    async release(signature: string): Promise<void> {
      await redis.del(keyOf(signature));
    },
  };
}
