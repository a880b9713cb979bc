import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, Provider } from '../../src/channels/channel-adapter.js';
import { simulatorAdapter } from '../../src/channels/simulator/simulator-adapter.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { type OutboundDeps, processOutbound } from '../../src/pipeline/process-outbound.js';
import { requeueOpenAttempts } from '../../src/pipeline/requeue-open-attempts.js';
import { type AndroidSmsStandIn, startAndroidSmsStandIn } from '../support/android-sms-stand-in.js';
import { insertFixtureReports } from '../support/report-fixture.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

const PHONE = { user: 'phone', pass: 'phone-pass' };

const echoHandler: ConversationHandler = {
  async handle({ message }) {
    return { replies: [{ body: `Terima kasih, laporan diterima: ${message.body}` }] };
  },
};

/**
 * Issue 12, defect 4: a reply whose provider call went through but whose answer was never recorded
 * (Postgres gone, connection dropped) was sent again on retry. Each case loses the answer for real: the
 * sender's database connection is terminated (only this file's database's backends) while it waits to
 * record the provider's answer, or the provider's connection drops; the retry must not send twice.
 */
describe('at most one send per reply', () => {
  let twilioApi: TwilioStandIn;
  let phone: AndroidSmsStandIn;
  let stack: TestStack;
  let holder: pg.Client;
  let terminated: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    twilioApi = await startTwilioStandIn();
    phone = await startAndroidSmsStandIn(PHONE.user, PHONE.pass);
    stack = await startTestStack({
      env: {
        TWILIO_API_BASE_URL: twilioApi.url,
        OUTBOUND_MAX_ATTEMPTS: '4',
        ANDROID_SMS_API_URL: phone.url,
        ANDROID_SMS_USERNAME: PHONE.user,
        ANDROID_SMS_PASSWORD: PHONE.pass,
        ANDROID_SMS_SIGNING_KEY: 'signing-key-0123456789abcdef',
        ANDROID_SMS_SENDS_PER_MINUTE: '600',
      },
    });
    holder = new pg.Client({ connectionString: stack.database.url });
    await holder.connect();
    await stack.startWorkers(echoHandler);
  });
  afterAll(async () => {
    await terminated.catch(() => {});
    await holder?.end();
    await stack?.close();
    await twilioApi?.close();
    await phone?.close();
  });
  beforeEach(() => {
    twilioApi.requests.length = 0;
    twilioApi.onAccepted(null);
    phone.onAccepted(null);
  });

  /**
   * Locks the replies being sent, so that recording the provider's answer waits on the lock, then
   * terminates the backend that waits: the provider has the message, Suara never records its answer.
   */
  async function loseTheAnswer(): Promise<void> {
    await holder.query('begin');
    await holder.query(
      `select id from messages where direction = 'outbound' and status = 'sending' for update`,
    );
    const name = new URL(stack.database.url).pathname.slice(1);
    terminated = (async () => {
      const pid = await waitFor(async () => {
        const { rows } = await stack.database.pool.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
          [name],
        );
        return rows[0]?.pid;
      });
      await stack.database.pool.query('select pg_terminate_backend($1)', [pid]);
      await holder.query('rollback');
    })();
  }

  async function replyTo(number: string) {
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash(number)));
    if (!contact) return null;
    const rows = await stack.database.db.select().from(messages).where(eq(messages.contactId, contact.id));
    return rows.find((row) => row.direction === 'outbound') ?? null;
  }

  async function storedReply(provider: Provider, number: string, reportId?: string): Promise<string> {
    const { cipher } = stack.services;
    const [contact] = await stack.database.db
      .insert(contacts)
      .values({
        pseudonym: `W-${randomBytes(4).toString('hex')}`,
        channel: 'sms',
        provider,
        addressHash: cipher.hash(number),
        addressEnc: cipher.encrypt(number),
      })
      .returning({ id: contacts.id });
    const [reply] = await stack.database.db
      .insert(messages)
      .values({
        direction: 'outbound',
        channel: 'sms',
        provider,
        contactId: contact?.id ?? '',
        body: 'Terima kasih. Kode laporan Anda: K7M2QP',
        status: 'queued',
        // Handed to a job already, as far as the outbox sweeper knows: this test sends it itself.
        enqueuedAt: new Date(),
        ...(reportId ? { reportId } : {}),
      })
      .returning({ id: messages.id });
    return reply?.id ?? '';
  }

  const deps = (adapters: [Provider, ChannelAdapter][]): OutboundDeps => ({
    db: stack.database.db,
    cipher: stack.services.cipher,
    adapters: new Map(adapters),
    statusCallbackUrl: () => undefined,
    logger: stack.services.logger,
  });

  it('Twilio took the message but its answer was lost: the retry finds it there and sends nothing', async () => {
    // The first answer only: a second send, if any, would be recorded (and counted below).
    twilioApi.onAccepted(async () => {
      twilioApi.onAccepted(null);
      await loseTheAnswer();
    });
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: '+6281390000001',
      To: '+15005550006',
      Body: 'air sumur keruh',
    });
    expect(response.statusCode).toBe(200);

    const reply = await waitFor(async () => {
      const row = await replyTo('+6281390000001');
      return row?.providerMessageId ? row : null;
    }, 20_000);
    await terminated;
    const sends = twilioApi.requests.filter((request) => request.method === 'POST');
    expect(sends).toHaveLength(1);
    expect(twilioApi.messages.filter((m) => m.to === '+6281390000001')).toHaveLength(1);
    // The id came from Twilio's message list, asked for this recipient after the lost answer.
    expect(reply.providerMessageId).toBe(twilioApi.messages.at(-1)?.sid);
    const asked = twilioApi.requests.find((request) => request.method === 'GET');
    expect(asked?.path).toContain(`To=${encodeURIComponent('+6281390000001')}`);
    expect(reply.status).toBe('queued');
    expect(reply.sendAttemptedAt).toBeNull();
    expect(reply.attempts).toBe(1);
    expect(stack.logs.join('\n')).toMatch(/earlier send attempt reached the provider/);
  }, 30_000);

  it('a connection dropped before Twilio took the message: the retry asks, finds nothing, sends once', async () => {
    twilioApi.dropNextSends(1);
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: '+6281390000002',
      To: '+15005550006',
      Body: 'royalti desa',
    });
    expect(response.statusCode).toBe(200);

    const reply = await waitFor(async () => {
      const row = await replyTo('+6281390000002');
      return row?.providerMessageId ? row : null;
    }, 20_000);
    const methods = twilioApi.requests.map((request) => request.method);
    // The dropped send, then the question (nothing there), then the one send that reached Twilio.
    expect(methods).toEqual(['POST', 'GET', 'POST']);
    const accepted = twilioApi.messages.filter((m) => m.to === '+6281390000002');
    expect(accepted).toHaveLength(1);
    expect(reply.providerMessageId).toBe(accepted[0]?.sid);
    expect(reply.attempts).toBe(2);
  }, 30_000);

  it('the outbox sweeper hands a long-open attempt to a job that asks Twilio before sending', async () => {
    const id = await storedReply('twilio', '+6281390000004');
    // What a send job that ran out of attempts while Postgres was away leaves: attempted, no answer.
    await stack.database.db
      .update(messages)
      .set({ status: 'sending', attempts: 1, sendAttemptedAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(messages.id, id));
    const { db } = stack.database;
    expect(await requeueOpenAttempts(db, stack.services.outbound, ['twilio'], 60 * 60_000)).toBe(0);
    expect(await requeueOpenAttempts(db, stack.services.outbound, ['twilio'], 10 * 60_000)).toBe(1);
    const reply = await waitFor(async () => {
      const row = await replyTo('+6281390000004');
      return row?.providerMessageId ? row : null;
    });
    // Asked first (nothing there), then sent once; a second sweep finds nothing open.
    expect(twilioApi.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(reply.providerMessageId).toBe(twilioApi.messages.at(-1)?.sid);
    expect(await requeueOpenAttempts(db, stack.services.outbound, ['twilio'], 0)).toBe(0);
  }, 30_000);

  it('the phone took the SMS but its answer was lost: the retry reads it by its id and sends nothing', async () => {
    const id = await storedReply('android-sms', '+6281390000003');
    const sender = deps([...stack.services.adapters]);
    phone.onAccepted(loseTheAnswer);
    await expect(processOutbound(sender, id, false)).rejects.toThrow();
    await terminated;
    phone.onAccepted(null);
    expect(await processOutbound(sender, id, false)).toBe('reconciled');

    expect(phone.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    const [row] = await stack.database.db.select().from(messages).where(eq(messages.id, id));
    const sentId = phone.requests[0]?.body.id ?? '';
    expect(sentId).toBe(`${id.replaceAll('-', '')}-1`);
    expect(phone.accepted()).toEqual([sentId]);
    expect(row?.providerMessageId).toMatch(new RegExp(`\\.${sentId}$`));
    expect(row?.status).toBe('queued');
    // Later attempts find it sent.
    expect(await processOutbound(sender, id, true)).toBe('already-sent');
    expect(phone.requests).toHaveLength(1);
  }, 30_000);

  it('a provider that cannot be asked: the reply is marked unconfirmed, not sent again, and shown to staff', async () => {
    const ids = await insertFixtureReports(stack.database.db, {
      KNFRM7: {
        citizen: 'u',
        receivedAt: '2026-11-20T08:00:00Z',
        category: 'environmental',
        province: '64',
      },
    });
    const id = await storedReply('simulator', 'sim:unconfirmed-1', ids.get('KNFRM7'));
    let sends = 0;
    // The simulator's real adapter, with the answer lost after it answered.
    const lossy: ChannelAdapter = {
      provider: 'simulator',
      async send(message) {
        const result = await simulatorAdapter.send(message);
        sends += 1;
        await loseTheAnswer();
        return result;
      },
    };
    const sender = deps([['simulator', lossy]]);
    await expect(processOutbound(sender, id, false)).rejects.toThrow();
    await terminated;
    expect(await processOutbound(sender, id, false)).toBe('unconfirmed');
    expect(await processOutbound(sender, id, true)).toBe('already-sent');
    expect(sends).toBe(1);
    const [row] = await stack.database.db.select().from(messages).where(eq(messages.id, id));
    expect(row?.status).toBe('unconfirmed');
    expect(row?.providerMessageId).toBeNull();
    expect(row?.sendAttemptedAt).not.toBeNull();

    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    const { cookie } = await signInOverHttp(stack, 'kaltim@example.org');
    const page = await stack.app.inject({
      method: 'GET',
      url: '/triage/reports/KNFRM7',
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kode laporan Anda: K7M2QP');
    expect(page.body).toContain(`class="badge late">belum pasti terkirim`);
  }, 30_000);
});
