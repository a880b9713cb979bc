import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Category } from '../../src/classifier/classification.js';
import { readModel } from '../../src/classifier/read-classifier-files.js';
import { classifyCommand } from '../../src/cli/classify-command.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// A message of the hard cases: a staff decision on it must not leak into training.
const HARD_CASE_TEXT = 'kolam pengendapan jebol semalam, lumpur masuk kampung';
const TRAINING_EXAMPLES = 686;

describe('suara classify train --with-decisions', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let dir: string;
  let contactId: string;
  let reportCount = 0;

  async function staffDecisions(decisions: Array<[string, Category]>, simulated = false): Promise<void> {
    const { db } = database;
    const first = reportCount;
    reportCount += decisions.length;
    const inbound = await db
      .insert(messages)
      .values(
        decisions.map((_, i) => ({
          direction: 'inbound' as const,
          channel: 'sms',
          provider: 'twilio',
          providerMessageId: `m${first + i + 1}`,
          contactId,
          body: 'x',
          status: 'received' as const,
        })),
      )
      .returning({ id: messages.id, sid: messages.providerMessageId });
    await db.insert(reports).values(
      decisions.map(([text, category], i) => ({
        referenceCode: `SR-DEC-${inbound[i]?.sid ?? i}`,
        contactId,
        sourceMessageId: inbound[i]?.id ?? '',
        channel: 'sms',
        flowId: 'complaint',
        language: 'id',
        category,
        categorySource: 'staff',
        classifierCategory: 'other',
        texts: [text],
        citizenMessages: 2,
        conversationStartedAt: new Date(),
        simulated,
      })),
    );
  }

  async function train(out: string) {
    const lines: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
    const code = await classifyCommand.run(['train', '--with-decisions', '--out', out]);
    vi.restoreAllMocks();
    return { code, stdout: lines.join('\n'), stderr: errors.join('\n') };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'suara-decisions-'));
    const [contact] = await database.db
      .insert(contacts)
      .values({
        pseudonym: 'W-DEC00001',
        channel: 'sms',
        addressHash: 'h-dec',
        addressEnc: 'e-dec',
        provider: 'twilio',
      })
      .returning();
    if (!contact) throw new Error('no contact');
    contactId = contact.id;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function useTestDatabase(): void {
    vi.stubEnv('DATABASE_URL', database.url);
    vi.stubEnv('PII_KEY', 'a'.repeat(64));
    vi.stubEnv('NODE_ENV', 'test');
  }

  it('folds in the staff decisions, deduplicated, and writes a model no worse on the untouched sets', async () => {
    useTestDatabase();
    await staffDecisions([
      ['kapal isap pasir beroperasi malam hari di Sungai Mahakam, tdk ada izinnya', 'licensing'],
      ['Kapal isap pasir beroperasi malam hari di sungai Mahakam tdk ada izinnya!', 'licensing'],
      [
        'air sumur warga jadi kuning sejak ada stockpile batubara, hubungi sy 0812-3456-7890',
        'environmental',
      ],
      [HARD_CASE_TEXT, 'environmental'],
    ]);
    // Simulator reports are not decisions on real citizens' words.
    await staffDecisions([['uji coba simulator royalti', 'revenue']], true);
    const out = join(dir, 'model.json');
    const result = await train(out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('staff decisions: 2 added, 0 relabelled, 1 duplicates, 1 held back');
    expect(result.stdout).toMatch(
      /test split {2}before accuracy 0\.983, macro-F1 \S+; after accuracy \d\.\d{3}/,
    );
    expect(result.stdout).toMatch(/hard cases {2}before accuracy \d\.\d{3}, macro-F1 \S+; after accuracy/);
    expect(result.stdout).toContain(`wrote ${out}`);
    const model = await readModel(out);
    expect(model.training.examples).toBe(TRAINING_EXAMPLES + 2);
  });

  it('refuses to write a model that got worse on an untouched set', async () => {
    useTestDatabase();
    const out = join(dir, 'model.json');
    const before = await readFile(out, 'utf8');
    // Staff decisions that contradict everything else the model knows about pollution.
    await staffDecisions(
      Array.from({ length: 200 }, (_, i): [string, Category] => [
        `sungai keruh tercemar limbah tambang, ikan mati di desa nomor ${i + 1}`,
        'revenue',
      ]),
    );
    const result = await train(out);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('staff decisions: 202 added');
    expect(result.stdout).toContain('(worse)');
    expect(result.stderr).toContain('refused: with the staff decisions the model is less accurate');
    expect(await readFile(out, 'utf8')).toBe(before);
  });
});
