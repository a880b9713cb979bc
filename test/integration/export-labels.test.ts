import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabelledExamples } from '../../src/classifier/read-labelled-examples.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('suara classify export-labels', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let dir: string;

  async function suara(args: string[]) {
    return runCli(args, { DATABASE_URL: database.url, PII_KEY: 'a'.repeat(64), NODE_ENV: 'test' });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'suara-labels-'));
    const { db } = database;
    const [contact] = await db
      .insert(contacts)
      .values({
        pseudonym: 'W-TEST0001',
        channel: 'sms',
        addressHash: 'h1',
        addressEnc: 'e1',
        provider: 'twilio',
      })
      .returning();
    if (!contact) throw new Error('no contact');
    const inbound = await db
      .insert(messages)
      .values(
        ['m1', 'm2', 'm3'].map((sid) => ({
          direction: 'inbound' as const,
          channel: 'sms',
          provider: 'twilio',
          providerMessageId: sid,
          contactId: contact.id,
          body: 'ya',
          status: 'received' as const,
        })),
      )
      .returning({ id: messages.id });
    const report = (i: number, values: Partial<typeof reports.$inferInsert>) => ({
      referenceCode: `SR-TEST-00${i}`,
      contactId: contact.id,
      sourceMessageId: inbound[i]?.id ?? '',
      channel: 'sms',
      flowId: 'complaint',
      language: 'id',
      category: 'other',
      categorySource: 'classifier',
      texts: ['sungai keruh'],
      citizenMessages: 3,
      conversationStartedAt: new Date(),
      ...values,
    });
    await db.insert(reports).values([
      report(0, {
        category: 'environmental',
        categorySource: 'staff',
        classifierCategory: 'licensing',
        texts: ['air sungai jadi keruh', 'sejak tambang buka'],
        provinceCode: '64',
      }),
      // Not re-categorised by staff: not a staff label.
      report(1, {
        category: 'licensing',
        categorySource: 'classifier',
        texts: ['izin tambang tanpa konsultasi'],
      }),
      // Made in the simulator: kept out of exports.
      report(2, {
        category: 'revenue',
        categorySource: 'staff',
        texts: ['dana bagi hasil'],
        simulated: true,
      }),
    ]);
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const expected = {
    text: 'air sungai jadi keruh sejak tambang buka',
    label: 'environmental',
    lang: 'id',
    province: 'kalimantan-timur',
    note: 'staff:SR-TEST-000',
  };

  it('writes only the real staff re-categorisation, in the format classify train reads', async () => {
    const out = join(dir, 'labels', 'staff.jsonl');
    const result = await suara(['classify', 'export-labels', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`exported 1 staff-labelled report to ${out}`);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([expected]);
    const read = await readLabelledExamples(out);
    expect(read).toEqual({ ok: true, examples: [{ text: expected.text, label: 'environmental' }] });
  });

  it('writes to standard output by default, the count to standard error', async () => {
    const result = await suara(['classify', 'export-labels']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(expected)}\n`);
    expect(result.stderr.trim()).toBe('exported 1 staff-labelled report');
  });
});
