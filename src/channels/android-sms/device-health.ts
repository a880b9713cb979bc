import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { probeDevice } from './android-sms-api.js';
import type { AndroidSmsConfig } from './android-sms-config.js';

export interface DeviceHealth {
  /** Records a verified webhook from a phone (shared through Redis by every API process). */
  seen(key: string): void;
  /** Per phone: 'ok', or what is wrong (silent too long, API not answering). */
  check(): Promise<Record<string, string>>;
  /** Checks every interval and logs a warning when a phone turns unhealthy (and when it recovers). */
  start(): void;
  stop(): void;
}

export function createDeviceHealth(
  config: AndroidSmsConfig,
  deps: { redis: Redis; queuePrefix: string; logger: Logger; clock?: () => Date },
): DeviceHealth {
  const now = () => (deps.clock ?? (() => new Date()))().getTime();
  const keyOf = (device: string) => `${deps.queuePrefix}:android-sms:last-webhook:${device}`;
  const silenceMs = config.silenceMinutes * 60_000;
  const previous = new Map<string, string>();
  const lastWritten = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  // /readyz may be called often and by anyone: phones are probed at most every 15 s (or interval).
  const cacheMs = Math.min(15_000, (config.healthIntervalSeconds * 1000) / 2);
  let cached: { at: number; value: Promise<Record<string, string>> } | undefined;
  const check = (): Promise<Record<string, string>> => {
    if (cached && now() - cached.at < cacheMs) return cached.value;
    cached = { at: now(), value: probeAll() };
    return cached.value;
  };

  const probeAll = async (): Promise<Record<string, string>> => {
    const results = await Promise.all(
      config.devices.map(async (device) => {
        const problems: string[] = [];
        const last = await deps.redis.get(keyOf(device.key)).catch(() => null);
        if (!last) problems.push('no webhook received yet');
        else if (now() - Number(last) > silenceMs)
          problems.push(`no webhook for ${Math.round((now() - Number(last)) / 60_000)} min`);
        const api = await probeDevice(device);
        if (api !== 'ok') problems.push(api);
        return [device.key, problems.length ? problems.join('; ') : 'ok'] as const;
      }),
    );
    return Object.fromEntries(results);
  };

  const report = async () => {
    const health = await check();
    for (const [device, state] of Object.entries(health)) {
      const before = previous.get(device);
      if (state !== 'ok' && before !== state)
        deps.logger.warn({ device, problem: state }, 'Android SMS phone unhealthy');
      if (state === 'ok' && before && before !== 'ok')
        deps.logger.info({ device }, 'Android SMS phone healthy again');
      previous.set(device, state);
    }
  };

  return {
    seen(key) {
      // Silence is judged in minutes: a busy phone's webhooks refresh its mark at most once a second.
      const at = now();
      if (at - (lastWritten.get(key) ?? Number.NEGATIVE_INFINITY) < 1000) return;
      lastWritten.set(key, at);
      // Best effort: a failed write only makes the phone look quiet, never loses a message.
      deps.redis.set(keyOf(key), String(at), 'EX', 30 * 24 * 3600).catch(() => {});
    },
    check,
    start() {
      if (timer) return;
      void report().catch(() => {});
      timer = setInterval(() => void report().catch(() => {}), config.healthIntervalSeconds * 1000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
