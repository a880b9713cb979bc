import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import type { SystemStatus } from '../../src/metrics/read-system-status.js';
import { createDeadLetterRepository } from '../../src/pipeline/dead-letter-repository.js';
import { sealInbound } from '../../src/pipeline/inbound-job.js';
import { runCli } from '../support/run-cli.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  messageSid,
  startTestStack,
  type TestStack,
} from '../support/test-stack.js';

const BACKLOG = 7;

describe('suara status', () => {
  let stack: TestStack;
  let env: Record<string, string>;

  // A running API whose workers are stopped: messages pile up in the inbound partitions.
  beforeAll(async () => {
    stack = await startTestStack();
    for (let i = 0; i < BACKLOG; i++) {
      const response = await stack.postSigned('/webhooks/twilio', {
        AccountSid: ACCOUNT_SID,
        MessageSid: messageSid(),
        From: `+6281399900${String(i).padStart(3, '0')}`,
        To: '+15005550006',
        Body: 'air sungai keruh',
      });
      expect(response.statusCode).toBe(200);
    }
    const letter = sealInbound(
      {
        provider: 'twilio',
        channel: 'sms',
        providerMessageId: messageSid(),
        from: '+6281399900999',
        to: '+15005550006',
        body: 'tidak bisa diproses',
        media: [],
        receivedAt: new Date().toISOString(),
      },
      stack.services.cipher,
    );
    await createDeadLetterRepository(stack.database.db).record({
      queue: 'inbound-0',
      jobId: 'twilio-dead',
      job: letter,
      error: 'database error 23505',
      failures: 4,
    });
    const [parked] = await stack.database.db
      .insert(contacts)
      .values({
        pseudonym: 'W-PARKED1',
        channel: 'sms',
        addressHash: stack.services.cipher.hash('+6281399900998'),
        addressEnc: stack.services.cipher.encrypt('+6281399900998'),
        provider: 'twilio',
        parkedAt: new Date(),
        parkedReason: 'inbound_rate',
        parkedMessages: 3,
      })
      .returning({ id: contacts.id });
    // A reply handed to a provider that could not say whether it sent it.
    await stack.database.db.insert(messages).values({
      direction: 'outbound',
      channel: 'sms',
      provider: 'twilio',
      contactId: parked?.id ?? '',
      body: 'Terima kasih',
      status: 'unconfirmed',
    });
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: stack.database.url,
      QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
      INBOUND_PARTITIONS: String(stack.config.INBOUND_PARTITIONS),
      PII_KEY: 'a'.repeat(64),
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    };
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows the backlog per queue, its age, dead letters, parked contacts and connections', async () => {
    const result = await runCli(['status'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^postgres\s+ok$/m);
    expect(out).toMatch(/^redis\s+ok$/m);
    expect(out).toMatch(/^migrations\s+ok$/m);
    expect(out).toMatch(/^providers\s+.*twilio/m);
    for (let partition = 0; partition < 4; partition++)
      expect(out).toMatch(new RegExp(`^inbound-${partition}\\s`, 'm'));
    expect(out).toMatch(/^outbound-twilio\s+0\s+0\s+0\s+0\s+-\s+0\s+0\s+-$/m);
    expect(out).toContain(`${BACKLOG} waiting in all`);
    expect(out).toMatch(/^dead letters\s+1$/m);
    expect(out).toMatch(/^parked contacts\s+1$/m);
    expect(out).toMatch(/^unconfirmed replies\s+1$/m);
    expect(out).not.toContain('81399900');
  });

  it('prints the same as JSON', async () => {
    const result = await runCli(['status', '--json'], env);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as SystemStatus;
    const inbound = (status.queues ?? []).filter((queue) => queue.queue.startsWith('inbound-'));
    expect(inbound).toHaveLength(4);
    expect(inbound.reduce((sum, queue) => sum + queue.waiting, 0)).toBe(BACKLOG);
    const oldest = Math.max(...inbound.map((queue) => queue.oldestWaitingMs ?? 0));
    expect(oldest).toBeGreaterThan(500);
    expect(status.counts).toEqual({ parkedContacts: 1, deadLetters: 1, unconfirmedReplies: 1 });
  });

  it('answers usage errors in the common frame', async () => {
    const result = await runCli(['status', '--frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/run `suara status --help` for usage/);
  });
});
