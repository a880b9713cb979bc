import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { appliedMigrationCount, shippedMigrationCount } from '../../db/migrate-database.js';
import { withTimeout } from '../../pipeline/with-timeout.js';

export interface HealthDeps {
  pool: pg.Pool;
  redis: Redis;
}

type Check = 'ok' | string;

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const expectedMigrations = shippedMigrationCount();

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
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
    const ready = postgres === 'ok' && migrations === 'ok' && redis === 'ok';
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ok' : 'unavailable', postgres, migrations, redis });
  });
}

async function probe(run: () => Promise<void>): Promise<Check> {
  try {
    await withTimeout(run(), 2000, 'check');
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
