import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

/** Extends the lock only while it is still ours: a holder that stalled past the TTL must not revive it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface HolderLock {
  /** True when this process now holds the lock (SET NX PX). */
  acquire(): Promise<boolean>;
  /** True when the lock was still ours and now runs for another TTL; false when it was lost. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
  readonly token: string;
}

/**
 * One process in the whole deployment may hold the WhatsApp connection: two sockets on one linked number
 * replace each other (Baileys' `connectionReplaced`) in a loop. A Redis key with a random token per
 * process; it expires `ttlMs` after the holder stops renewing it, so a crashed holder is replaced.
 */
export function createHolderLock(redis: Redis, key: string, ttlMs: number): HolderLock {
  // Host and process id first, so the workspace can say which process holds the connection.
  const token = `${hostname()} pid ${process.pid} ${randomUUID()}`;
  return {
    token,
    async acquire() {
      return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async renew() {
      return Number(await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1;
    },
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}

export function holderLockKey(queuePrefix: string, session: string): string {
  return `${queuePrefix}:whatsapp-web:holder:${session}`;
}

/** Which process holds the lock now (`host pid N`), or null when nobody does. */
export async function readHolder(redis: Redis, key: string): Promise<string | null> {
  const token = await redis.get(key);
  return token ? token.replace(/ [0-9a-f-]{36}$/, '') : null;
}
