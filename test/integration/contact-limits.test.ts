import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { runCli } from '../support/run-cli.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const echo: ConversationHandler = {
  async handle({ message }) {
    return { replies: [{ body: `Diterima: ${message.body}` }] };
  },
};

/**
 * Issue 12, defect 8: one number sending 300 messages in 30 s drew 20 replies, and by the same
 * arithmetic ~2,900 a day. Past CONTACT_MESSAGES_PER_MINUTE (here 3) or CONTACT_REPLIES_PER_DAY
 * (here 5) a contact's messages are stored but not answered, and admins see the contact as parked.
 */
describe('flood limits per contact', { timeout: 60_000 }, () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      env: { CONTACT_MESSAGES_PER_MINUTE: '3', CONTACT_REPLIES_PER_DAY: '5' },
    });
    await stack.startWorkers(echo);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const send = async (from: string, body: string) => {
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: from,
      To: '+15005550006',
      Body: body,
    });
    expect(response.statusCode).toBe(200);
  };
  const contactOf = async (from: string) => {
    const [row] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash(from)));
    if (!row) throw new Error('contact not stored');
    return row;
  };
  /** Waits until `inbound` messages of the contact are handled; returns how many replies it got. */
  const settle = async (from: string, inbound: number) => {
    const contact = await waitFor(async () => {
      const row = await contactOf(from).catch(() => null);
      return row ?? null;
    });
    await waitFor(async () => {
      const rows = await stack.database.db
        .select({ handledAt: messages.handledAt })
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'inbound')));
      return rows.length === inbound && rows.every((row) => row.handledAt);
    });
    const replies = await stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
    return replies.length;
  };
  /** Moves the contact's messages two minutes into the past, out of the per-minute window. */
  const age = async (from: string) => {
    const contact = await contactOf(from);
    await stack.database.db
      .update(messages)
      .set({ createdAt: sql`${messages.createdAt} - interval '2 minutes'` })
      .where(eq(messages.contactId, contact.id));
  };

  it('stores but does not answer messages past the per-minute limit, then answers again', async () => {
    const from = '+6281355500301';
    for (let i = 1; i <= 5; i++) await send(from, `pesan ${i}`);
    expect(await settle(from, 5)).toBe(3);
    const parked = await contactOf(from);
    expect(parked).toMatchObject({ parkedReason: 'inbound_rate', parkedMessages: 2 });
    expect(parked.parkedAt).toBeInstanceOf(Date);

    // Logged once, by pseudonym, never by number.
    const logged = stack.logs.filter((line) => line.includes('contact parked'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(parked.pseudonym);
    expect(logged[0]).not.toContain('81355500301');

    await age(from);
    await send(from, 'pesan 6');
    expect(await settle(from, 6)).toBe(4);
    expect(await contactOf(from)).toMatchObject({ parkedAt: null, parkedReason: null, parkedMessages: 0 });
  });

  it('stops answering a contact that has had its replies for the day', async () => {
    const from = '+6281355500302';
    for (let i = 1; i <= 3; i++) await send(from, `laporan ${i}`);
    expect(await settle(from, 3)).toBe(3);
    await age(from);
    for (let i = 4; i <= 6; i++) await send(from, `laporan ${i}`);
    expect(await settle(from, 6)).toBe(5);
    expect(await contactOf(from)).toMatchObject({ parkedReason: 'daily_replies', parkedMessages: 1 });
  });

  it('lists parked contacts for admins by pseudonym', async () => {
    const parked = await contactOf('+6281355500302');
    const result = await runCli(['contacts', 'parked'], {
      NODE_ENV: 'test',
      DATABASE_URL: stack.config.DATABASE_URL,
      PII_KEY: 'a'.repeat(64),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^CONTACT\s+CHANNEL\s+REASON\s+UNANSWERED\s+SINCE\s+LAST$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${parked.pseudonym}\\s+sms\\s+replies per day\\s+1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`,
      ),
    );
    expect(result.stdout).not.toContain('81355500302');
  });
});
