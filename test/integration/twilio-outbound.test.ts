import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn, twilioError } from '../support/twilio-stand-in.js';

/** Answers every message with one reply, so outbound traffic follows real inbound traffic. */
const echoHandler: ConversationHandler = {
  async handle({ message }) {
    return { replies: [{ body: `Terima kasih. Diterima: ${message.body.slice(0, 20)}` }] };
  },
};

describe('outbound through the twilio SDK', () => {
  let standIn: TwilioStandIn;
  let stack: TestStack;
  let counter = 0;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url, OUTBOUND_MAX_ATTEMPTS: '4' } });
    await stack.startWorkers(echoHandler);
  });
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
  });
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  async function converse(from: string, body: string, whatsapp = false) {
    counter += 1;
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: whatsapp ? `whatsapp:${from}` : from,
      To: whatsapp ? 'whatsapp:+14155238886' : '+15005550006',
      Body: `${body} ${counter}`,
    });
    expect(response.statusCode).toBe(200);
  }

  const outboundRows = () =>
    stack.database.db.select().from(messages).where(eq(messages.direction, 'outbound'));

  it('sends a reply through the Messages endpoint and records the provider sid', async () => {
    await converse('+6281111111111', 'debu tambang');
    const [row] = await waitFor(async () => {
      const rows = (await outboundRows()).filter((r) => r.status === 'queued' && r.providerMessageId);
      return rows.length ? rows : null;
    });
    expect(row?.providerMessageId).toMatch(/^SM/);
    expect(standIn.requests).toHaveLength(1);
    const request = standIn.requests[0];
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.form.get('To')).toBe('+6281111111111');
    expect(request?.form.get('From')).toBe('+15005550006');
    expect(request?.form.get('StatusCallback')).toBe('https://suara.example.org/webhooks/twilio/status');
    expect(request?.authorization).toMatch(/^Basic /);
  });

  it('prefixes WhatsApp addresses on the way out', async () => {
    await converse('+6282222222222', 'foto lubang tambang', true);
    await waitFor(async () => standIn.requests.length === 1);
    expect(standIn.requests[0]?.form.get('To')).toBe('whatsapp:+6282222222222');
    expect(standIn.requests[0]?.form.get('From')).toBe('whatsapp:+14155238886');
  });

  it('retries after a 500 and then succeeds', async () => {
    standIn.script(twilioError(500, 20500, 'Internal Server Error'));
    await converse('+6283333333333', 'royalti');
    await waitFor(async () => standIn.requests.length === 2);
    const sent = await waitFor(async () => {
      const rows = (await outboundRows()).filter((r) => r.attempts === 2 && r.providerMessageId);
      return rows.length ? rows : null;
    });
    expect(sent[0]?.errorCode).toBeNull();
  });

  it('retries on 429 too', async () => {
    standIn.script(twilioError(429, 20429, 'Too Many Requests'));
    await converse('+6284444444444', 'iuran');
    await waitFor(async () => standIn.requests.length === 2);
  });

  it('does not retry a permanent 400 and records the error code', async () => {
    standIn.script(twilioError(400, 21211, "The 'To' number is not a valid phone number."));
    await converse('+6285555555555', 'izin');
    const [failed] = await waitFor(async () => {
      const rows = (await outboundRows()).filter((r) => r.errorCode === '21211');
      return rows.length && rows[0]?.status === 'failed' ? rows : null;
    });
    expect(failed?.attempts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(standIn.requests).toHaveLength(1);
  });

  it('opts a contact out when Twilio refuses the send with 21610, and keeps numbers out of stored errors', async () => {
    standIn.script(twilioError(400, 21610, 'Attempt to send to unsubscribed recipient +6288888888888'));
    await converse('+6288888888888', 'tolong');
    const [failed] = await waitFor(async () => {
      const rows = (await outboundRows()).filter((r) => r.errorCode === '21610');
      return rows.length && rows[0]?.status === 'failed' ? rows : null;
    });
    expect(failed?.errorMessage).toBe('Attempt to send to unsubscribed recipient [number]');
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, failed?.contactId ?? ''));
    expect(contact?.optedOut).toBe(true);
  });

  /** The sent replies to one citizen, found the way the app finds a contact: by keyed hash. */
  async function sentTo(number: string) {
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash(number)));
    if (!contact) return null;
    const rows = (await outboundRows()).filter((r) => r.contactId === contact.id && r.providerMessageId);
    return rows.length ? { contact, rows } : null;
  }

  it('applies signed status callbacks, never regresses a status, and opts out on 21610', async () => {
    await converse('+6286666666666', 'lahan');
    const first = await waitFor(() => sentTo('+6286666666666'));
    const sid = first.rows[0]?.providerMessageId ?? '';
    const status = (messageSidValue: string, MessageStatus: string, extra: Record<string, string> = {}) =>
      stack.postSigned('/webhooks/twilio/status', {
        AccountSid: ACCOUNT_SID,
        MessageSid: messageSidValue,
        MessageStatus,
        ...extra,
      });

    expect((await status(sid, 'delivered')).statusCode).toBe(204);
    expect((await status(sid, 'sent')).statusCode).toBe(204); // a late callback must not undo "delivered"
    const [delivered] = await stack.database.db
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, sid));
    expect(delivered?.status).toBe('delivered');

    const forged = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/twilio/status',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' },
      payload: new URLSearchParams({ MessageSid: sid, MessageStatus: 'failed' }).toString(),
    });
    expect(forged.statusCode).toBe(403);

    await converse('+6287777777777', 'pajak');
    const second = await waitFor(() => sentTo('+6287777777777'));
    const unsubscribed = await status(second.rows[0]?.providerMessageId ?? '', 'failed', {
      ErrorCode: '21610',
    });
    expect(unsubscribed.statusCode).toBe(204);
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, second.contact.id));
    expect(contact?.optedOut).toBe(true);

    // The opted-out contact writes again: the reply is stored but never sent.
    standIn.requests.length = 0;
    await converse('+6287777777777', 'masih ada');
    const [dropped] = await waitFor(async () => {
      const rows = (await outboundRows()).filter(
        (r) => r.contactId === contact?.id && r.errorCode === 'opted_out',
      );
      return rows.length ? rows : null;
    });
    expect(dropped?.status).toBe('failed');
    expect(standIn.requests).toHaveLength(0);
  });
});
