import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { deadLetters } from '../../src/db/schema/dead-letters.js';
import { messages } from '../../src/db/schema/messages.js';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { requeueUnhandledInbound } from '../../src/pipeline/requeue-unhandled-inbound.js';
import { runCli } from '../support/run-cli.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const FROM = '+6281355500123';

/** Answers everything except what it is told to choke on: a stored message that cannot be handled. */
const handler: ConversationHandler = {
  async handle({ message }) {
    if (message.body.includes('GAGAL')) throw new Error('handler cannot cope');
    return { replies: [] };
  },
};

/**
 * Issue 12, defect 2 (second half): a message that cannot be processed must not be retried for
 * minutes ahead of its contact's next messages. After its quick retries it is set aside, sealed, in
 * dead_letters; the partition moves on; an admin lists and replays it with the CLI.
 */
describe('dead letters', { timeout: 120_000 }, () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    // Postgres refuses any message carrying the marker: a fault of the message, not of the database.
    await stack.database.pool.query(`
      create function refuse_marked() returns trigger language plpgsql as $$
      begin
        if new.body like '%RACUN%' then raise exception 'refused by the test trigger'; end if;
        return new;
      end $$;
      create trigger refuse_marked before insert on messages for each row execute function refuse_marked();`);
    await stack.startWorkers(handler);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const send = async (body: string) => {
    const sid = messageSid();
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      From: FROM,
      To: '+15005550006',
      Body: body,
    });
    expect(response.statusCode).toBe(200);
    return sid;
  };
  const inboundRow = async (sid: string) => {
    const [row] = await stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.provider, 'twilio'), eq(messages.providerMessageId, sid)));
    return row;
  };
  const cli = (args: string[]) =>
    runCli(['dead-letters', ...args], {
      NODE_ENV: 'test',
      DATABASE_URL: stack.config.DATABASE_URL,
      REDIS_URL: stack.config.REDIS_URL,
      QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
      INBOUND_PARTITIONS: String(stack.config.INBOUND_PARTITIONS),
      PII_KEY: 'a'.repeat(64),
    });

  it('sets a failing message aside within seconds, moves on, and replays it once fixed', async () => {
    const started = Date.now();
    const poisoned = await send('RACUN air sungai hitam');
    const next = await send('pesan berikutnya');

    const [letter] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(deadLetters)
        .where(eq(deadLetters.providerMessageId, poisoned));
      return rows.length ? rows : null;
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const handled = await waitFor(async () => (await inboundRow(next))?.handledAt, 5_000);
    expect(handled.getTime() - started).toBeLessThan(10_000);
    expect(await inboundRow(poisoned)).toBeUndefined();

    // Sealed as it travelled: neither the words nor the number, in the row or its error.
    const stored = JSON.stringify(letter);
    expect(stored).not.toContain('RACUN');
    expect(stored).not.toContain('air sungai');
    expect(stored).not.toContain('81355500123');
    expect(letter?.error).toMatch(/^database error P0001/);
    expect(letter?.failures).toBe(4);

    const listed = await cli(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(letter?.id);
    expect(listed.stdout).not.toContain('RACUN');

    await stack.database.pool.query('drop trigger refuse_marked on messages');
    const replayed = await cli(['replay', '--id', letter?.id ?? '']);
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(0);
    const answered = await waitFor(async () => (await inboundRow(poisoned))?.handledAt, 15_000);
    expect(answered).toBeInstanceOf(Date);
    expect(await stack.database.db.select().from(deadLetters)).toHaveLength(0);

    const audited = await stack.database.db
      .select({ action: auditLog.action, actor: auditLog.actor, subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(like(auditLog.action, 'dead_letters.%'));
    expect(audited).toEqual([
      { action: 'dead_letters.list', actor: 'cli', subjectId: null },
      { action: 'dead_letters.replay', actor: 'cli', subjectId: letter?.id },
    ]);
  });

  it('keeps a stored message that its handler cannot answer out of the outbox sweeps', async () => {
    const sid = await send('GAGAL terus');
    await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(deadLetters)
        .where(eq(deadLetters.providerMessageId, sid));
      return rows.length > 0;
    });
    expect((await inboundRow(sid))?.handledAt).toBeNull();
    const { db } = stack.database;
    expect(await requeueUnhandledInbound(db, stack.services.cipher, stack.services.inbound, 0)).toBe(0);
  });

  it('refuses a replay without a target or of an unknown id', async () => {
    const missing = await cli(['replay']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/either --id <id> or --all/);
    const unknown = await cli(['replay', '--id', '00000000-0000-0000-0000-000000000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no dead letter with id/);
  });
});
