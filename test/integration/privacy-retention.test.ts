import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { storedMedia } from '../../src/db/schema/media.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { sessions } from '../../src/db/schema/sessions.js';
import { createLogger } from '../../src/logger.js';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { applyRetention } from '../../src/retention/apply-retention.js';
import { startRetentionJob } from '../../src/retention/start-retention-job.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const NOW = new Date('2026-03-01T03:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const POLICY = { closedReportDays: 730, abandonedDays: 90 };
const PHOTO = Buffer.from('foto yang sudah lama');

/**
 * Issue 12, retention: with a fixed clock, texts and media go from reports closed more than two years
 * ago (their conversation, thread and replies) and from conversations that never became a report after
 * 90 days; open reports, recently closed ones and recent conversations keep theirs, whatever their age.
 */
describe('retention', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let mediaDir: string;
  let store: MediaStore;
  const sha256 = createHash('sha256').update(PHOTO).digest('hex');

  async function contact(): Promise<string> {
    const [row] = await database.db
      .insert(contacts)
      .values({
        pseudonym: `W-${randomBytes(4).toString('hex')}`,
        channel: 'sms',
        addressHash: randomBytes(16).toString('hex'),
        addressEnc: 'v2.0.x',
        provider: 'twilio',
      })
      .returning({ id: contacts.id });
    if (!row) throw new Error('no contact');
    return row.id;
  }

  async function message(
    contactId: string,
    body: string,
    at: Date,
    extra: { direction?: 'inbound' | 'outbound'; inReplyTo?: string; reportId?: string } = {},
  ): Promise<string> {
    const [row] = await database.db
      .insert(messages)
      .values({
        direction: extra.direction ?? 'inbound',
        channel: 'sms',
        provider: 'twilio',
        providerMessageId: randomBytes(8).toString('hex'),
        contactId,
        body,
        status: extra.direction === 'outbound' ? 'sent' : 'received',
        inReplyTo: extra.inReplyTo ?? null,
        reportId: extra.reportId ?? null,
        createdAt: at,
      })
      .returning({ id: messages.id });
    if (!row) throw new Error('no message');
    return row.id;
  }

  /** A report filed by two messages `days` ago, each answered, optionally closed `closedDays` ago. */
  async function report(code: string, days: number, closedDays: number | null): Promise<string> {
    const contactId = await contact();
    const first = await message(contactId, `${code} keluhan pertama`, daysAgo(days));
    await message(contactId, `${code} balasan pertama`, daysAgo(days), {
      direction: 'outbound',
      inReplyTo: first,
    });
    const last = await message(contactId, `${code} pilihan 1`, new Date(daysAgo(days).getTime() + 60_000));
    await message(contactId, `${code} terima kasih`, new Date(daysAgo(days).getTime() + 60_000), {
      direction: 'outbound',
      inReplyTo: last,
    });
    const [row] = await database.db
      .insert(reports)
      .values({
        referenceCode: code,
        contactId,
        sourceMessageId: last,
        channel: 'sms',
        flowId: 'lapor',
        language: 'id',
        category: 'environmental',
        categorySource: 'both',
        classifierEvidence: ['sungai'],
        texts: [`${code} keluhan pertama`],
        locationText: `${code} desa`,
        provinceCode: '64',
        regencyCode: '64.02',
        citizenMessages: 2,
        status: closedDays === null ? 'in_follow_up' : 'closed',
        outcome: closedDays === null ? null : 'resolved',
        closedAt: closedDays === null ? null : daysAgo(closedDays),
        conversationStartedAt: daysAgo(days),
        createdAt: new Date(daysAgo(days).getTime() + 60_000),
      })
      .returning({ id: reports.id });
    if (!row) throw new Error('no report');
    // A masked reply in the report's thread, long after the report was filed.
    await message(contactId, `${code} tanggapan warga`, daysAgo(closedDays ?? 1), { reportId: row.id });
    return first;
  }

  const bodies = async () =>
    Object.fromEntries(
      (await database.db.select({ body: messages.body }).from(messages)).map((m) => [m.body, true]),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    mediaDir = mkdtempSync(join(tmpdir(), 'suara-retention-'));
    store = createLocalMediaStore(mediaDir);
    const oldFirst = await report('OLDCLOSED', 900, 800);
    await report('NEWCLOSED', 900, 100);
    await report('OPENOLD', 1000, null);
    const wanderer = await contact();
    await message(wanderer, 'ABANDONED tanya saja', daysAgo(120));
    await message(wanderer, 'RECENT tanya lagi', daysAgo(30));
    await database.db
      .insert(sessions)
      .values([{ contactId: wanderer, state: { words: 'sesi lama' }, updatedAt: daysAgo(120) }]);
    await store.put(sha256, PHOTO);
    await database.db.insert(storedMedia).values({
      messageId: oldFirst,
      position: 0,
      provider: 'twilio',
      status: 'stored',
      sha256,
      contentType: 'image/jpeg',
      sizeBytes: PHOTO.length,
    });
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('counts what would go without changing anything (dry run)', async () => {
    const result = await applyRetention(database.db, store, POLICY, NOW, { dryRun: true });
    expect(result).toMatchObject({
      closedReports: 1,
      closedReportMessages: 5,
      abandonedMessages: 1,
      abandonedSessions: 1,
    });
    expect(Object.keys(await bodies())).toHaveLength(17);
    expect(await store.has(sha256)).toBe(true);
  });

  it('redacts closed reports past two years and conversations without a report past 90 days, daily job with a fixed clock', async () => {
    const indicatorsBefore = await database.pool.query(
      'select category, province_code, regency_code, status, created_at, closed_at from reports order by reference_code',
    );
    const job = startRetentionJob(database.db, store, createLogger({ level: 'silent', production: true }), {
      policy: POLICY,
      clock: () => NOW,
      firstRunMs: 3_600_000,
    });
    await job.run();
    await job.stop();

    const left = await bodies();
    for (const gone of [
      'OLDCLOSED keluhan pertama',
      'OLDCLOSED balasan pertama',
      'OLDCLOSED pilihan 1',
      'OLDCLOSED terima kasih',
      'OLDCLOSED tanggapan warga',
      'ABANDONED tanya saja',
    ])
      expect(left[gone]).toBeUndefined();
    for (const kept of [
      'NEWCLOSED keluhan pertama',
      'NEWCLOSED terima kasih',
      'NEWCLOSED tanggapan warga',
      'OPENOLD keluhan pertama',
      'OPENOLD balasan pertama',
      'OPENOLD tanggapan warga',
      'RECENT tanya lagi',
    ])
      expect(left[kept]).toBe(true);

    const [old] = await database.db.select().from(reports).where(eq(reports.referenceCode, 'OLDCLOSED'));
    expect(old).toMatchObject({ texts: [], locationText: null, media: [], classifierEvidence: null });
    const [kept] = await database.db.select().from(reports).where(eq(reports.referenceCode, 'NEWCLOSED'));
    expect(kept?.texts).toEqual(['NEWCLOSED keluhan pertama']);
    expect(await database.db.select().from(sessions)).toEqual([]);
    expect(await database.db.select().from(storedMedia)).toEqual([]);
    expect(await store.has(sha256)).toBe(false);
    const indicatorsAfter = await database.pool.query(
      'select category, province_code, regency_code, status, created_at, closed_at from reports order by reference_code',
    );
    expect(indicatorsAfter.rows).toEqual(indicatorsBefore.rows);

    // Idempotent: a second run (another worker, the next day) finds nothing more.
    const again = await applyRetention(database.db, store, POLICY, NOW);
    expect(again).toMatchObject({ closedReports: 0, closedReportMessages: 0, abandonedMessages: 0 });
  });

  it('suara privacy retention --dry-run reports the counts', async () => {
    const run = await runCli(['privacy', 'retention', '--dry-run'], {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PII_KEY: 'a'.repeat(64),
      MEDIA_DIR: mediaDir,
      RETENTION_CLOSED_REPORT_DAYS: '3650',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reports closed more than 3650 days ago: 0 would be redacted');
    expect(run.stdout).toMatch(/older than 90 days: \d+ messages would be redacted/);
  });
});
