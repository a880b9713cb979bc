import { Writable } from 'node:stream';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import { followUps } from '../../src/db/schema/follow-ups.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { users } from '../../src/db/schema/users.js';
import { type SeedResult, seedDemo } from '../../src/demo/seed-demo.js';
import { addDays } from '../../src/indicators/indicator-range.js';
import { INDICATOR_CATEGORIES } from '../../src/indicators/indicator-report.js';
import { createIndicatorService } from '../../src/indicators/indicator-service.js';
import { createLogger } from '../../src/logger.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { deleteQueueKeys } from '../support/delete-queue-keys.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/test-database.js';

describe('suara demo seed', () => {
  let database: TestDatabase;
  let result: SeedResult;
  let config: Config;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    const loaded = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      PII_KEY: 'a'.repeat(64),
      FLOWS_HOT_RELOAD: 'false',
    });
    if (!loaded.ok) throw new Error(loaded.error);
    config = loaded.config;
    const logger = createLogger({
      level: 'warn',
      production: true,
      destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    result = await seedDemo(config, logger, { reports: 30, seed: 42 });
  }, 120_000);

  afterAll(async () => {
    const redis = createRedisConnection(config.REDIS_URL, 'worker');
    await deleteQueueKeys(redis, prefix).catch(() => {});
    redis.disconnect();
    await database?.drop();
  });

  it('creates an admin and one secretariat user per province, with set-password links', async () => {
    const rows = await database.db.select().from(users);
    expect(rows).toHaveLength(4);
    expect(rows.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(rows.flatMap((u) => u.provinces).sort()).toEqual(['11', '64', '74']);
    expect(result.users.every((u) => u.link.includes('/triage/set-password?token='))).toBe(true);
  });

  it('makes reports across provinces and stages through the conversation engine', async () => {
    const rows = await database.db.select().from(reports);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(result.reports).toBe(rows.length);
    expect(new Set(rows.map((r) => r.provinceCode).filter(Boolean)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(2);
    expect(await database.db.select().from(followUps)).not.toHaveLength(0);
  });

  it('gives the indicators something to show: identified and followed-up problems, months, times', async () => {
    const service = createIndicatorService({ db: database.db, clock: () => new Date() });
    const today = new Date().toISOString().slice(0, 10);
    const result = await service.report(null, { from: addDays(today, -200), to: addDays(today, 1) });
    if (!result.ok) throw new Error(result.message);
    const { total } = result.value;
    const rows = await database.db.select().from(reports);
    expect(total.received).toBe(rows.length);
    const identified = INDICATOR_CATEGORIES.reduce((sum, c) => sum + total.indicators[c].identified, 0);
    const followed = INDICATOR_CATEGORIES.reduce((sum, c) => sum + total.indicators[c].followedUp, 0);
    expect(identified).toBe(
      rows.filter(
        (r) =>
          !r.duplicateOfId &&
          ['validated', 'in_follow_up', 'closed'].includes(r.status) &&
          r.category !== 'other',
      ).length,
    );
    expect(followed).toBeGreaterThan(0);
    expect(total.durations.triage.reports).toBeGreaterThan(0);
    expect(total.series.filter((p) => p.total > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('sends nothing: every outbound message stays queued or held, with no provider id', async () => {
    const outbound = await database.db.select().from(messages).where(eq(messages.direction, 'outbound'));
    expect(outbound.length).toBeGreaterThan(0);
    expect(outbound.every((m) => m.status === 'queued' || m.status === 'held')).toBe(true);
    const sent = await database.db
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'outbound'), isNotNull(messages.providerMessageId)));
    expect(sent).toHaveLength(0);
  });

  it('is refused with NODE_ENV=production', async () => {
    const run = await runCli(['demo', 'seed'], { NODE_ENV: 'production', PII_KEY: 'a'.repeat(64) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused because NODE_ENV=production');
  }, 60_000);
});
