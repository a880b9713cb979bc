import { Writable } from 'node:stream';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import type { FlowSet } from '../../src/conversation/flows/flow-set.js';
import { loadFlows } from '../../src/conversation/flows/load-flows.js';
import { contactConsents } from '../../src/db/schema/contact-consents.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { followUps } from '../../src/db/schema/follow-ups.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { surveyResponses } from '../../src/db/schema/survey-responses.js';
import { users } from '../../src/db/schema/users.js';
import { type SeedResult, seedDemo } from '../../src/demo/seed-demo.js';
import { addDays } from '../../src/indicators/indicator-range.js';
import { INDICATOR_CATEGORIES } from '../../src/indicators/indicator-report.js';
import { createIndicatorService } from '../../src/indicators/indicator-service.js';
import { createLogger } from '../../src/logger.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { createCampaignService } from '../../src/surveys/campaign-service.js';
import { deleteQueueKeys } from '../support/delete-queue-keys.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/test-database.js';

describe('suara demo seed', () => {
  let database: TestDatabase;
  let result: SeedResult;
  let config: Config;
  let flows: FlowSet;
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
    const loadedFlows = await loadFlows(config.FLOWS_DIR);
    if (!loadedFlows.ok) throw new Error('flows do not load');
    flows = loadedFlows.flows;
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
    const rows = await database.db.select().from(reports).where(eq(reports.simulated, false));
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
    // The simulator citizens' reports are simulated: kept out of the indicators.
    const rows = await database.db.select().from(reports).where(eq(reports.simulated, false));
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

  it('gives scorecards consenting simulator citizens of Kukar and keyword answers to read', async () => {
    expect(result.simulatorNumbers).toHaveLength(4);
    const db = database.db;
    const simulated = await db.select().from(contacts).where(eq(contacts.provider, 'simulator'));
    expect(simulated).toHaveLength(4);
    const consents = await db.select().from(contactConsents).where(isNull(contactConsents.withdrawnAt));
    const consenting = new Set(consents.filter((c) => c.givenAt).map((c) => c.contactId));
    expect(simulated.every((c) => consenting.has(c.id))).toBe(true);
    const service = createCampaignService({
      db,
      flows: () => flows,
      priceList: { prices: config.SMS_PRICES, currency: config.SMS_PRICE_CURRENCY },
      hours: config.CAMPAIGN_HOURS,
      monthlyCap: config.CAMPAIGN_MONTHLY_CAP,
      clock: () => new Date(),
    });
    const preview = await service.preview(
      {
        userId: '00000000-0000-4000-8000-000000000000',
        email: 'sekretariat.kaltim@demo.suara.test',
        name: 'Sekretariat',
        role: 'secretariat',
        provinces: ['64'],
        language: 'id',
        via: 'session',
        sessionId: null,
        csrfToken: null,
      },
      {
        name: 'Rapor DLH',
        surveyId: 'nilai_dlh',
        provinceCode: '64',
        audience: { regencies: ['64.02'], category: null, from: null, to: null },
      },
    );
    if (!preview.ok) throw new Error(preview.message);
    // The simulator's citizens, and only those: no demo SMS citizen gave consent.
    expect(preview.value.recipients).toBe(4);
    expect(preview.value.sms).toBe(4);
    expect(preview.value.cost).toBe(0);
    const responses = await db.select().from(surveyResponses);
    expect(result.surveyResponses).toBe(responses.length);
    expect(responses.length).toBeGreaterThanOrEqual(5);
    expect(responses.filter((r) => r.completedAt).length).toBe(responses.length);
    expect(responses.some((r) => typeof r.answers.comment === 'string')).toBe(true);
  });

  it('is refused with NODE_ENV=production', async () => {
    const run = await runCli(['demo', 'seed'], { NODE_ENV: 'production', PII_KEY: 'a'.repeat(64) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused because NODE_ENV=production');
  }, 60_000);
});
