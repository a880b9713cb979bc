import type { Redis } from 'ioredis';
import type { Provider, SendRate } from '../channels/channel-adapter.js';
import { outboundQueueName } from './queue-names.js';

export type { SendRate } from '../channels/channel-adapter.js';

/**
 * Message rate per provider — or per lane of a provider whose gateways each have their own limit (an
 * Android phone's SIM) — shared by every worker process through Redis: a message may go out when fewer
 * than `max` went out in the last `durationMs` (a sliding log, so no window boundary lets twice the rate
 * through) and, with `perSecond`, fewer than that in the last second; and not while a pause asked by
 * the provider (or that lane's gateway) runs.
 */
export interface SendGate {
  /** Takes a slot for one message: 0 when it may go now, else how many ms until it may. */
  take(provider: Provider, rate: SendRate, lane?: string): Promise<number>;
  /** Holds the provider's (or lane's) messages back for `ms` (a 429's Retry-After); never shortens a pause. */
  pause(provider: Provider, ms: number, lane?: string): Promise<void>;
}

// KEYS[1] the log of recent sends, KEYS[2] the pause; ARGV: max, window ms, a unique member suffix, the
// most per second (0: no such limit). Redis's clock, so that several worker machines share one timeline.
const TAKE = `
local pause = redis.call('PTTL', KEYS[2])
if pause > 0 then return pause end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local perSecond = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
if perSecond > 0 and redis.call('ZCOUNT', KEYS[1], now - 999, '+inf') >= perSecond then
  local first = redis.call('ZRANGEBYSCORE', KEYS[1], now - 999, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  return math.max(1, tonumber(first[2]) + 1000 - now)
end
redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.max(window, 1000))
return 0
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
  const key = (provider: Provider, what: string, lane: string | undefined) =>
    `${prefix}:${outboundQueueName(provider)}:${what}${lane ? `:${lane}` : ''}`;
  return {
    async take(provider, rate, lane) {
      counter += 1;
      const wait = await connection.eval(
        TAKE,
        2,
        key(provider, 'send-log', lane),
        key(provider, 'send-pause', lane),
        rate.max,
        rate.durationMs,
        `${member}-${counter}`,
        rate.perSecond ?? 0,
      );
      return Number(wait);
    },
    async pause(provider, ms, lane) {
      await connection.eval(PAUSE, 1, key(provider, 'send-pause', lane), Math.max(1, Math.ceil(ms)));
    },
  };
}
