import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Provider } from '../channels/channel-adapter.js';
import type { Channel } from '../channels/channel-module.js';
import { appliedMigrationCount, shippedMigrationCount } from '../db/migrate-database.js';
import { withTimeout } from '../pipeline/with-timeout.js';

type Check = 'ok' | string;

export interface Readiness {
  ready: boolean;
  postgres: Check;
  migrations: Check;
  redis: Check;
  /**
   * Per gateway of a channel with several (`android-sms 6281…`): 'ok' or what is wrong. Shown in the
   * details, not counted in `ready`: one silent phone must not take the whole API out of service.
   */
  channels?: Record<string, Check>;
}

/** Whether this process can serve: Postgres and Redis answer and every shipped migration is applied. */
export function createReadinessCheck(deps: {
  pool: pg.Pool;
  redis: Redis;
  channels?: ReadonlyMap<Provider, Channel>;
}): () => Promise<Readiness> {
  const expectedMigrations = shippedMigrationCount();
  return async () => {
    const [postgres, migrations, redis, channels] = await Promise.all([
      probe(async () => {
        await deps.pool.query('select 1');
      }),
      probe(async () => {
        const applied = await appliedMigrationCount(deps.pool);
        if (applied < expectedMigrations)
          throw new Error(`${applied}/${expectedMigrations} applied; run suara migrate`);
      }),
      probe(async () => {
        await deps.redis.ping();
      }),
      channelHealth(deps.channels),
    ]);
    const ready = postgres === 'ok' && migrations === 'ok' && redis === 'ok';
    return { ready, postgres, migrations, redis, ...(channels ? { channels } : {}) };
  };
}

async function channelHealth(
  channels: ReadonlyMap<Provider, Channel> | undefined,
): Promise<Record<string, Check> | undefined> {
  const details: Record<string, Check> = {};
  for (const [provider, channel] of channels ?? []) {
    if (!channel.health) continue;
    try {
      const health = await withTimeout(channel.health(), 5000, `${provider} health`);
      for (const [gateway, state] of Object.entries(health)) details[`${provider} ${gateway}`] = state;
    } catch (error) {
      details[provider] = error instanceof Error ? error.message : String(error);
    }
  }
  return Object.keys(details).length ? details : undefined;
}

async function probe(run: () => Promise<void>): Promise<Check> {
  try {
    await withTimeout(run(), 2000, 'check');
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
