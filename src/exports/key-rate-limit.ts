import type { Redis } from 'ioredis';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed one-minute window per key in Redis: simple, shared by every API process, and enough to stop a
 * runaway script from pulling full exports in a loop.
 */
export function createKeyRateLimit(redis: Redis, prefix: string, perMinute: number) {
  return {
    async take(key: string, now = Date.now()): Promise<RateDecision> {
      if (perMinute === 0) return { ok: true };
      const window = Math.floor(now / 60_000);
      const name = `${prefix}:export-rate:${key}:${window}`;
      const results = await redis.multi().incr(name).expire(name, 120).exec();
      const used = Number(results?.[0]?.[1] ?? 0);
      if (used <= perMinute) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)) };
    },
  };
}

export type KeyRateLimit = ReturnType<typeof createKeyRateLimit>;
