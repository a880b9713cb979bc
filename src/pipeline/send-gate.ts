import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import { outboundQueueName } from './queue-names.js';

export interface SendRate {
  max: number;
  durationMs: number;
}

/**
 * Per-provider message rate, shared by every worker process through Redis: a message may go out when
 * fewer than `max` went out in the last `durationMs` (a sliding log, so no window boundary lets twice
 * the rate through), and not while the provider asked for a pause.
 */
export interface SendGate {
  /** Takes a slot for one message: 0 when it may go now, else how many ms until it may. */
  take(provider: Provider, rate: SendRate): Promise<number>;
  /** Holds every message to the provider back for `ms` (a 429's Retry-After); never shortens a pause. */
  pause(provider: Provider, ms: number): Promise<void>;
}

// KEYS[1] the log of recent sends, KEYS[2] the pause; ARGV: max, window ms, a unique member suffix.
// Redis's clock, so that several worker machines share one timeline.
const TAKE = `
local pause = redis.call('PTTL', KEYS[2])
if pause > 0 then return pause end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

const PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
`;

export function createSendGate(connection: Redis, prefix: string): SendGate {
  let counter = 0;
  const member = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const key = (provider: Provider, what: string) => `${prefix}:${outboundQueueName(provider)}:${what}`;
  return {
    async take(provider, rate) {
      counter += 1;
      const wait = await connection.eval(
        TAKE,
        2,
        key(provider, 'send-log'),
        key(provider, 'send-pause'),
        rate.max,
        rate.durationMs,
        `${member}-${counter}`,
      );
      return Number(wait);
    },
    async pause(provider, ms) {
      await connection.eval(PAUSE, 1, key(provider, 'send-pause'), Math.max(1, Math.ceil(ms)));
    },
  };
}
