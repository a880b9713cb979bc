import type { Redis } from 'ioredis';
import type pg from 'pg';
import { appliedMigrationCount, shippedMigrationCount } from '../db/migrate-database.js';
import { withTimeout } from '../pipeline/with-timeout.js';

type Check = 'ok' | string;

export interface Readiness {
  ready: boolean;
  postgres: Check;
  migrations: Check;
  redis: Check;
}

/** Whether this process can serve: Postgres and Redis answer and every shipped migration is applied. */
export function createReadinessCheck(deps: { pool: pg.Pool; redis: Redis }): () => Promise<Readiness> {
  const expectedMigrations = shippedMigrationCount();
  return async () => {
    const [postgres, migrations, redis] = await Promise.all([
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
    ]);
    return { ready: postgres === 'ok' && migrations === 'ok' && redis === 'ok', postgres, migrations, redis };
  };
}

async function probe(run: () => Promise<void>): Promise<Check> {
  try {
    await withTimeout(run(), 2000, 'check');
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
