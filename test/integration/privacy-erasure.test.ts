import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { deadLetters } from '../../src/db/schema/dead-letters.js';
import { storedMedia } from '../../src/db/schema/media.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { surveyResponses } from '../../src/db/schema/survey-responses.js';
import { sealInbound } from '../../src/pipeline/inbound-job.js';
import type { RunningWorkers } from '../../src/pipeline/start-workers.js';
import { citizenReports, citizenSends } from '../support/citizen-report.js';
import { runCli, spawnCli } from '../support/run-cli.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

const FROM = '+6281355500987';
const OTHER = '+6281355500111';
const COMPLAINT = 'Sungai Mahakam di desa Loa Janan tercemar limbah tambang batubara PT Rahasia, air hitam';
const COMMENT = 'Saran rahasia: periksa kolam pak Sudarsono';
const QUEUED = 'pesan menunggu di antrean Sudarsono';
const DEAD = 'pesan gagal diproses Sudarsono';
const PHOTO = Buffer.from('foto lubang tambang, bukan gambar sungguhan');

const SEALED = /v2\.[A-Za-z0-9-]+\.[A-Za-z0-9+/]+=*|v1\.[A-Za-z0-9+/]+=*/g;

/**
 * Issue 12, erasure: after `suara privacy erase`, no table and no Redis key under the test's prefix holds
 * the person's number, its lookup hash or sealed form, their pseudonym or their words — also not inside
 * a sealed value, which the search opens — while the indicators' figures do not move.
 */
describe('privacy export and erasure', { timeout: 180_000 }, () => {
  let stack: TestStack;
  let standIn: TwilioStandIn;
  let workers: RunningWorkers | null = null;
  let code: string;
  let needles: Record<string, string>;

  const cliEnv = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: stack.config.DATABASE_URL,
    REDIS_URL: stack.config.REDIS_URL,
    QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
    INBOUND_PARTITIONS: String(stack.config.INBOUND_PARTITIONS),
    MEDIA_DIR: stack.config.MEDIA_DIR,
    PII_KEY: 'a'.repeat(64),
  });
  const cli = (args: string[]) => runCli(['privacy', ...args], cliEnv());

  /** Every text-like value in every table, as text, with where it was found; sealed values opened. */
  async function postgresText(): Promise<{ where: string; text: string }[]> {
    const columns = await stack.database.pool.query<{ table_name: string; column_name: string }>(
      `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
         and (c.data_type in ('text', 'jsonb', 'json', 'bytea', 'character varying', 'tsvector')
              or c.udt_name in ('_text', '_varchar'))`,
    );
    const found: { where: string; text: string }[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const result = await stack.database.pool.query<{ v: string }>(
        `select "${column_name}"::text as v from "${table_name}" where "${column_name}" is not null`,
      );
      for (const row of result.rows) found.push({ where: `${table_name}.${column_name}`, text: row.v });
    }
    return found;
  }

  async function redisText(): Promise<{ where: string; text: string }[]> {
    const redis = stack.services.redis;
    const found: { where: string; text: string }[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${stack.config.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        let values: string[] = [];
        if (type === 'string') values = [(await redis.get(key)) ?? ''];
        else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
        else if (type === 'list') values = await redis.lrange(key, 0, -1);
        else if (type === 'set') values = await redis.smembers(key);
        else if (type === 'zset') values = await redis.zrange(key, '0', '-1');
        else if (type === 'stream')
          values = (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
        found.push({ where: `redis ${key}`, text: [key, ...values].join('\n') });
      }
    } while (cursor !== '0');
    return found;
  }

  /** Adds the opened content of every sealed value, so a sealed body counts as found. */
  function withOpened(values: { where: string; text: string }[]) {
    return values.flatMap((value) => {
      const opened = [...value.text.matchAll(SEALED)].flatMap((match) => {
        try {
          return [{ where: `${value.where} (opened)`, text: stack.services.cipher.decrypt(match[0]) }];
        } catch {
          return [];
        }
      });
      return [value, ...opened];
    });
  }

  async function traces(): Promise<string[]> {
    const everything = withOpened([...(await postgresText()), ...(await redisText())]);
    const hits: string[] = [];
    for (const [name, needle] of Object.entries(needles)) {
      for (const value of everything) {
        // The audit log is append-only and never rewritten: it must hold none of this in the first place.
        // (A pseudonym may appear there as an actor; erasure gives the contact a new one, so it leads nowhere.)
        if (value.where.startsWith('audit_log.') && name === 'pseudonym') continue;
        if (value.text.includes(needle)) hits.push(`${name} in ${value.where}`);
      }
    }
    return [...new Set(hits)];
  }

  async function indicatorFigures() {
    const cells = await stack.database.pool.query(
      `select province_code, month, facet, cell, sum(n)::int as n from (
         select province_code, month, facet, cell, reports as n from indicator_rollup
         union all select province_code, month, facet, cell, change from indicator_deltas) t
       group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4`,
    );
    const kept = await stack.database.pool.query(
      `select reference_code, category, province_code, regency_code, district_code, village_code, status,
              created_at, triaged_at, closed_at, citizen_messages, contact_id
       from reports order by reference_code`,
    );
    return { cells: cells.rows, reports: kept.rows };
  }

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url } });
    workers = await stack.startConversationWorkers();
    code = await citizenReports(stack, FROM, COMPLAINT);
    // Another citizen's report: untouched by the erasure.
    await citizenReports(
      stack,
      OTHER,
      'Jalan hauling PT Lain merusak sawah di Kutai Kartanegara, debu tebal',
    );
    for (const text of ['nilai dlh', '4', 'ya', '1', COMMENT]) await citizenSends(stack, FROM, text);
    await waitFor(async () => {
      const [row] = await stack.database.db.select().from(surveyResponses);
      return row?.completedAt;
    });
    await workers.close();
    workers = null;

    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash(FROM)));
    if (!contact) throw new Error('no contact');
    // A message still waiting in Redis (no worker runs now), and one that failed and was set aside.
    await stack.services.inbound.enqueue({
      provider: 'twilio',
      channel: 'sms',
      providerMessageId: 'SMqueued0000000000000000000000001',
      from: FROM,
      to: '+15005550006',
      body: QUEUED,
      media: [],
      receivedAt: new Date().toISOString(),
    });
    await stack.database.db.insert(deadLetters).values({
      queue: 'inbound-0',
      jobId: 'twilio-SMdead',
      provider: 'twilio',
      channel: 'sms',
      providerMessageId: 'SMdead0000000000000000000000000001',
      job: sealInbound(
        {
          provider: 'twilio',
          channel: 'sms',
          providerMessageId: 'SMdead0000000000000000000000000001',
          from: FROM,
          to: '+15005550006',
          body: DEAD,
          media: [],
          receivedAt: new Date().toISOString(),
        },
        stack.services.cipher,
      ),
      error: 'Error: handler failed',
      failures: 3,
    });
    // A stored photo of the first message.
    const [first] = await stack.database.db
      .select()
      .from(messages)
      .where(eq(messages.contactId, contact.id))
      .orderBy(messages.createdAt)
      .limit(1);
    const sha256 = createHash('sha256').update(PHOTO).digest('hex');
    await stack.services.mediaStore.put(sha256, PHOTO);
    await stack.database.db.insert(storedMedia).values({
      messageId: first?.id ?? '',
      position: 0,
      provider: 'twilio',
      status: 'stored',
      sha256,
      contentType: 'image/jpeg',
      sizeBytes: PHOTO.length,
    });
    needles = {
      number: '81355500987',
      'lookup hash': contact.addressHash,
      'sealed number': contact.addressEnc,
      pseudonym: contact.pseudonym,
      complaint: 'PT Rahasia',
      'survey comment': 'kolam pak Sudarsono',
      'queued text': QUEUED,
      'dead letter text': DEAD,
      'photo id': sha256,
    };
  });

  afterAll(async () => {
    await workers?.close();
    await stack?.close();
    await standIn?.close();
  });

  it('finds the person everywhere before erasing (the search works)', async () => {
    const found = await traces();
    for (const name of [
      'lookup hash',
      'sealed number',
      'pseudonym',
      'complaint',
      'survey comment',
      'queued text',
      'dead letter text',
      'photo id',
    ]) {
      expect(found.some((hit) => hit.startsWith(`${name} in`))).toBe(true);
    }
    expect(found.some((hit) => hit.startsWith('number in') && hit.includes('(opened)'))).toBe(true);
  });

  it('exports everything held about the person as JSON, the number opened, and audits the access', async () => {
    const run = await cli(['export', '--reference', code]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const exported = JSON.parse(run.stdout) as {
      contacts: {
        contact: { number: string };
        reports: { reference_code: string; texts: string[] }[];
        messages: { body: string }[];
        surveyResponses: { answers: Record<string, unknown> }[];
        deadLetters: { message: { body: string } }[];
        storedMedia: unknown[];
      }[];
    };
    expect(exported.contacts).toHaveLength(1);
    const [person] = exported.contacts;
    expect(person?.contact.number).toBe(FROM);
    expect(person?.reports.map((r) => r.reference_code)).toEqual([code]);
    expect(person?.reports[0]?.texts.join(' ')).toContain('PT Rahasia');
    expect(person?.messages.some((m) => m.body === COMMENT)).toBe(true);
    expect(person?.surveyResponses[0]?.answers.comment).toBe(COMMENT);
    expect(person?.deadLetters[0]?.message.body).toBe(DEAD);
    expect(person?.storedMedia).toHaveLength(1);
    // The other citizen is not in it.
    expect(run.stdout).not.toContain('81355500111');
    const audits = await stack.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'privacy.export'));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain('81355500987');
  });

  it('refuses to erase without confirmation', async () => {
    const child = spawnCli(['privacy', 'erase', '--phone', FROM], cliEnv());
    const stderr: string[] = [];
    child.stderr.on('data', (chunk) => stderr.push(String(chunk)));
    child.stdin.end('tidak\n');
    const [exitCode] = await once(child, 'close');
    expect(exitCode).toBe(1);
    expect(stderr.join('')).toContain('This cannot be undone');
    expect(stderr.join('')).toContain('Nothing erased.');
    const [report] = await stack.database.db.select().from(reports).where(eq(reports.referenceCode, code));
    expect(report?.texts.join(' ')).toContain('PT Rahasia');
  });

  it('erases the number and every text, in Postgres, Redis and the media store, keeping the indicators', async () => {
    const before = await indicatorFigures();
    const sha256 = needles['photo id'] ?? '';
    expect(await stack.services.mediaStore.has(sha256)).toBe(true);

    const run = await cli(['erase', '--phone', '0813 5550 0987', '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 contacts erased');

    expect(await traces()).toEqual([]);
    expect(await stack.services.mediaStore.has(sha256)).toBe(false);
    expect(await indicatorFigures()).toEqual(before);

    // The report stays for the forum's records, without the citizen's words.
    const [report] = await stack.database.db.select().from(reports).where(eq(reports.referenceCode, code));
    expect(report?.texts).toEqual([]);
    expect(report?.category).toBeTruthy();
    // The survey keeps its rating; the comment is gone.
    const [response] = await stack.database.db.select().from(surveyResponses);
    expect(response?.answers.rating).toBe(4);
    expect(response?.answers.comment).toBeNull();
    // The other citizen keeps everything.
    const everything = (await postgresText()).map((v) => v.text).join('\n');
    expect(everything).toContain('PT Lain');

    // Recorded, without content.
    const audits = await stack.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'privacy.erase'));
    expect(audits).toHaveLength(1);
    const recorded = JSON.stringify(audits);
    for (const needle of Object.values(needles)) expect(recorded).not.toContain(needle);
    expect(
      await runCli(['audit', 'verify'], {
        DATABASE_URL: stack.config.DATABASE_URL,
        PII_KEY: 'a'.repeat(64),
        NODE_ENV: 'test',
      }),
    ).toMatchObject({ code: 0 });

    // The number is a stranger now: looking it up finds nothing.
    const again = await cli(['export', '--phone', FROM]);
    expect(again.code).toBe(1);
  });
});
