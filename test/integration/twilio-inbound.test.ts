import { eq } from 'drizzle-orm';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { providerMediaOf } from '../support/provider-media-refs.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  messageSid,
  PUBLIC_URL,
  startTestStack,
  type TestStack,
  waitFor,
} from '../support/test-stack.js';

const CITIZEN = '+6281234567890';
const SUARA_NUMBER = '+15005550006';

function inboundForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    MessageSid: messageSid(),
    From: CITIZEN,
    To: SUARA_NUMBER,
    Body: 'sungai kami keruh sejak ada tambang nikel',
    NumMedia: '0',
    ...overrides,
  };
}

describe('Twilio inbound webhook', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.startWorkers();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const storedBySid = (sid: string) =>
    stack.database.db.select().from(messages).where(eq(messages.providerMessageId, sid));

  it('stores a signed SMS end to end and answers with empty TwiML', async () => {
    const form = inboundForm();
    const response = await stack.postSigned('/webhooks/twilio', form);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/xml');
    expect(response.body).toContain('<Response></Response>');

    const [row] = await waitFor(async () => {
      const rows = await storedBySid(form.MessageSid ?? '');
      return rows.length ? rows : null;
    });
    expect(row).toMatchObject({ direction: 'inbound', channel: 'sms', provider: 'twilio', body: form.Body });
    await waitFor(async () => (await storedBySid(form.MessageSid ?? ''))[0]?.handledAt);
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, row?.contactId ?? ''));
    expect(contact?.channel).toBe('sms');
    expect(stack.services.cipher.decrypt(contact?.addressEnc ?? '')).toBe(CITIZEN);
  });

  it('stores a WhatsApp message with its media under the whatsapp channel', async () => {
    const form = inboundForm({
      From: `whatsapp:${CITIZEN}`,
      To: 'whatsapp:+14155238886',
      Body: '',
      NumMedia: '2',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
      MediaContentType1: 'audio/ogg',
    });
    const response = await stack.postSigned('/webhooks/twilio', form);
    expect(response.statusCode).toBe(200);
    const [row] = await waitFor(async () => {
      const rows = await storedBySid(form.MessageSid ?? '');
      return rows.length ? rows : null;
    });
    expect(row?.channel).toBe('whatsapp');
    // The message refers to stored media; Twilio's URLs wait for the download job in stored_media.
    expect(await providerMediaOf(stack.database.db, row ?? { id: '', media: [] })).toEqual([
      { url: form.MediaUrl0, contentType: 'image/jpeg' },
      { url: form.MediaUrl1, contentType: 'audio/ogg' },
    ]);
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, row?.contactId ?? ''));
    expect(contact?.channel).toBe('whatsapp');
  });

  it('rejects a missing or wrong signature with 403 and stores nothing', async () => {
    const form = inboundForm();
    const unsigned = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/twilio',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    expect(unsigned.statusCode).toBe(403);
    const forged = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/twilio',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl',
      },
      payload: new URLSearchParams(form).toString(),
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: 'invalid_signature' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedBySid(form.MessageSid ?? '')).toHaveLength(0);
  });

  it('rejects a body tampered with after signing, including an added field', async () => {
    const form = inboundForm();
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio`, form);
    for (const tampered of [
      { ...form, MessageSid: messageSid(), Body: 'ganti isi pesan' },
      { ...form, MessageSid: messageSid(), Extra: 'injected' },
    ]) {
      const response = await stack.app.inject({
        method: 'POST',
        url: '/webhooks/twilio',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        payload: new URLSearchParams(tampered).toString(),
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('answers 400 with a clear message for a signed but malformed body', async () => {
    const { MessageSid: _dropped, ...form } = inboundForm();
    const response = await stack.postSigned('/webhooks/twilio', form);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'malformed_body' });
    expect(response.json().message).toMatch(/MessageSid/);
  });

  it('answers 415 for a body that is not a form, and 413 above the size limit', async () => {
    const json = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/twilio',
      headers: { 'content-type': 'application/json' },
      payload: '{"Body":"x"}',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toMatch(/x-www-form-urlencoded/);
    // Above what the longest accepted Body (65,536 characters) can take when form-encoded.
    const huge = await stack.postSigned('/webhooks/twilio', inboundForm({ Body: 'x'.repeat(1_000_000) }));
    expect(huge.statusCode).toBe(413);
  });

  it('stores a message delivered twice only once', async () => {
    const form = inboundForm();
    const responses = await Promise.all([
      stack.postSigned('/webhooks/twilio', form),
      stack.postSigned('/webhooks/twilio', form),
      stack.postSigned('/webhooks/twilio', form),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    await waitFor(async () => (await storedBySid(form.MessageSid ?? ''))[0]?.handledAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedBySid(form.MessageSid ?? '')).toHaveLength(1);
  });

  it('keeps the phone number out of the database in plain text and out of the logs', async () => {
    const digits = CITIZEN.slice(1);
    const dump = await stack.database.pool.query<{ row: string }>(
      `select row_to_json(c)::text as row from contacts c
       union all select row_to_json(m)::text from messages m`,
    );
    expect(dump.rows.length).toBeGreaterThan(2);
    for (const { row } of dump.rows) {
      expect(row).not.toContain(digits);
      expect(row).not.toContain(digits.slice(2));
    }
    const logs = stack.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(digits.slice(2));
    expect(logs).not.toContain('sungai kami keruh');
    expect(logs).not.toContain('test-auth-token');
  });
});

describe('Twilio inbound webhook when Redis is down', () => {
  it('answers 503 quickly instead of acknowledging an undurable message', async () => {
    const stack = await startTestStack({
      env: { REDIS_URL: 'redis://127.0.0.1:1', ENQUEUE_TIMEOUT_MS: '1500' },
    });
    try {
      const started = Date.now();
      const response = await stack.postSigned('/webhooks/twilio', inboundForm());
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'queue_unavailable' });
      expect(Date.now() - started).toBeLessThan(5000);
      const ready = await stack.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ postgres: 'ok', migrations: 'ok' });
    } finally {
      await stack.close();
    }
  });
});

describe('Twilio channel without credentials', () => {
  it('answers its webhook with a clear 503', async () => {
    const stack = await startTestStack({ env: { TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '' } });
    try {
      const response = await stack.postSigned('/webhooks/twilio', inboundForm());
      expect(response.statusCode).toBe(503);
      expect(response.json().message).toMatch(/TWILIO_AUTH_TOKEN/);
    } finally {
      await stack.close();
    }
  });
});
