import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LoginThrottle {
  /** Seconds until the account or address may try again; 0 when it may try now. */
  blockedFor(email: string, ip: string): Promise<number>;
  recordFailure(email: string, ip: string): Promise<void>;
  reset(email: string): Promise<void>;
}

/**
 * Failed sign-ins counted in Redis, so every API process shares them: an account is locked for
 * `lockoutSeconds` after `maxFailures`, and one address may fail ten times as often (many staff share
 * an office connection) before it is refused too.
 */
export function createLoginThrottle(options: {
  redis: Redis;
  prefix: string;
  maxFailures: number;
  lockoutSeconds: number;
}): LoginThrottle {
  const { redis, prefix, maxFailures, lockoutSeconds } = options;
  // Keys carry a hash: e-mail addresses and IPs are personal data and Redis is no place for them.
  const key = (kind: string, value: string) =>
    `${prefix}:login:${kind}:${createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 32)}`;

  async function over(name: string, limit: number): Promise<number> {
    const [count, ttl] = await redis
      .multi()
      .get(name)
      .ttl(name)
      .exec()
      .then((r) => r?.map((x) => x[1]) ?? []);
    return Number(count ?? 0) >= limit ? Math.max(Number(ttl), 1) : 0;
  }

  return {
    async blockedFor(email, ip) {
      const [account, address] = await Promise.all([
        over(key('account', email), maxFailures),
        over(key('ip', ip), maxFailures * 10),
      ]);
      return Math.max(account, address);
    },
    async recordFailure(email, ip) {
      const multi = redis.multi();
      for (const name of [key('account', email), key('ip', ip)]) {
        multi.incr(name);
        multi.expire(name, lockoutSeconds, 'NX');
      }
      await multi.exec();
    },
    async reset(email) {
      await redis.del(key('account', email));
    },
  };
}
