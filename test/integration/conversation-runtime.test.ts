import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { createLogger } from '../../src/logger.js';
import { projectPath } from '../../src/project-path.js';
import { createFlowRegistry } from '../../src/runtime/flow-registry.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

describe('flow hot reload', () => {
  it('applies a valid edit and keeps the previous flows on an invalid one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suara-flows-'));
    cpSync(projectPath('flows'), dir, { recursive: true });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      production: true,
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const registry = await createFlowRegistry(dir, logger, true);
    try {
      const file = join(dir, 'lapor.yaml');
      const original = readFileSync(file, 'utf8');
      const welcome = (flows: ReturnType<typeof registry.current>) => JSON.stringify(flows.flows.lapor);
      expect(welcome(registry.current())).toContain('Selamat datang di Suara');

      writeFileSync(file, original.replace('Selamat datang di Suara', 'Halo dari Suara'));
      await waitFor(async () => welcome(registry.current()).includes('Halo dari Suara'));
      expect(lines.join('')).toContain('flows reloaded');

      // A survey edit in the surveys/ subfolder reloads too.
      const survey = join(dir, 'surveys', 'nilai-dlh.yaml');
      const surveyText = readFileSync(survey, 'utf8');
      const title = () => JSON.stringify(registry.current().flows.nilai_dlh);
      writeFileSync(survey, surveyText.replace('Kinerja DLH menangani masalah tambang', 'Kinerja DLH 2026'));
      await waitFor(async () => title().includes('Kinerja DLH 2026'));

      writeFileSync(file, original.replace('type: ask', 'type: asks'));
      await waitFor(async () => lines.join('').includes('flow edit refused'));
      expect(welcome(registry.current())).toContain('Halo dari Suara');
    } finally {
      registry.close();
    }
  });
});

describe('conversation sessions', () => {
  let stack: TestStack;
  let standIn: TwilioStandIn;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url } });
    await stack.startConversationWorkers();
  });
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
  });

  async function say(from: string, body: string): Promise<string[]> {
    const sid = messageSid();
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      From: from,
      To: '+15005550006',
      Body: body,
    });
    expect(response.statusCode).toBe(200);
    const inbound = await waitFor(async () => {
      const [row] = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.provider, 'twilio'), eq(messages.providerMessageId, sid)));
      return row?.handledAt ? row : null;
    });
    const replies = await stack.database.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.inReplyTo, inbound.id))
      .orderBy(asc(messages.createdAt));
    return replies.map((r) => r.body);
  }

  it('resumes a conversation from the Postgres mirror after Redis loses the session', async () => {
    const from = '+6281900000001';
    expect(
      (await say(from, 'royalti tambang tdk pernah sampai ke desa kami di Kolaka Utara')).join(),
    ).toMatch(/PENDAPATAN/);
    const keys = await stack.services.redis.keys(`${stack.config.QUEUE_PREFIX}:session:*`);
    expect(keys.length).toBeGreaterThan(0);
    await stack.services.redis.del(...keys);
    expect((await say(from, '1')).join()).toMatch(/Kode: [0-9A-Z]{6}/);
  });

  it('keeps the number out of every table and out of Redis, and the words out of Redis', async () => {
    const from = '+6281955512345';
    await say(from, 'ada PETI emas di sungai dekat gampong kami di Aceh Jaya');
    await say(from, '1');
    const tables = ['contacts', 'messages', 'reports', 'sessions', 'conversation_events'];
    for (const table of tables) {
      const dump = await stack.database.pool.query<{ row: string }>(
        `select row_to_json(t)::text as row from ${table} t`,
      );
      expect(dump.rows.length, table).toBeGreaterThan(0);
      for (const { row } of dump.rows) expect(row, table).not.toContain('81955512345');
    }
    const redis = stack.services.redis;
    const keys = await redis.keys(`${stack.config.QUEUE_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await redis.lrange(key, 0, -1))
              : type === 'stream'
                ? JSON.stringify(await redis.xrange(key, '-', '+'))
                : '';
      expect(value, key).not.toContain('81955512345');
      expect(value, key).not.toContain('PETI emas');
    }
  });
});
