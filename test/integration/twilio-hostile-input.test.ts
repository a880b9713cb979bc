import { eq } from 'drizzle-orm';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const CITIZEN = '+6281234567001';
const PATH = '/webhooks/twilio';

function inboundForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    MessageSid: messageSid(),
    From: CITIZEN,
    To: '+15005550006',
    Body: 'sungai kami keruh',
    NumMedia: '0',
    ...overrides,
  };
}

/**
 * Issue 12, defects 2 and 9: what a real (signed) Twilio request may carry that the webhook used to
 * acknowledge and then lose, or lose by refusing it, or accept although it is no address.
 */
describe('Twilio inbound webhook with unusual input', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.startWorkers();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const handledBySid = (sid: string) =>
    waitFor(async () => {
      const [row] = await stack.database.db
        .select()
        .from(messages)
        .where(eq(messages.providerMessageId, sid));
      return row?.handledAt ? row : null;
    }, 15_000);

  /** Posts form pairs, repeated keys included, signed the way Twilio signs them. */
  const postPairs = (pairs: [string, string][]) => {
    const params: Record<string, string | string[]> = {};
    for (const [key, value] of pairs) {
      const previous = params[key];
      params[key] = previous === undefined ? value : [previous, value].flat();
    }
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${PATH}`, params);
    return stack.app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(pairs).toString(),
    });
  };

  it('stores and handles a body with NUL and a lone surrogate, with those replaced', async () => {
    const form = inboundForm({ Body: 'air\u0000keruh \uD83D tambang' });
    const response = await stack.postSigned(PATH, form);
    expect(response.statusCode).toBe(200);
    const row = await handledBySid(form.MessageSid ?? '');
    expect(row.body).toBe('air\uFFFDkeruh \uFFFD tambang');
  });

  it('stores a queued message whose text and media carry NUL and lone surrogates (a JSON channel can)', async () => {
    // A form cannot carry a lone surrogate (it arrives as U+FFFD); a provider's JSON ("\\ud83d") can.
    const sid = messageSid();
    await stack.services.inbound.enqueue({
      provider: 'twilio',
      channel: 'whatsapp',
      providerMessageId: sid,
      from: '+6281234567005',
      to: '+14155238886',
      body: 'foto \uDE00 sungai\u0000',
      media: [{ url: 'https://example.org/m/1\uD800', contentType: 'image/jpeg\u0000' }],
      receivedAt: new Date().toISOString(),
    });
    const row = await handledBySid(sid);
    expect(row.body).toBe('foto \uFFFD sungai\uFFFD');
    expect(await providerMediaOf(stack.database.db, row)).toEqual([
      { url: 'https://example.org/m/1\uFFFD', contentType: 'image/jpeg\uFFFD' },
    ]);
  });

  it('refuses a From that is no phone number with a clear 400, after checking the signature', async () => {
    for (const from of ['abc', '+62', '6281234567001', 'whatsapp:abc', `+${'1'.repeat(16)}`]) {
      const form = inboundForm({ From: from });
      const response = await stack.postSigned(PATH, form);
      expect({ from, status: response.statusCode }).toEqual({ from, status: 400 });
      expect(response.json()).toMatchObject({ error: 'malformed_body' });
      expect(response.json().message).toMatch(/^From must be a phone number in E\.164 form/);
    }
    const unsigned = await stack.app.inject({
      method: 'POST',
      url: PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(inboundForm({ From: 'abc' })).toString(),
    });
    expect(unsigned.statusCode).toBe(403);
  });

  it('says what is wrong with a 65-character From instead of calling it missing', async () => {
    const response = await stack.postSigned(PATH, inboundForm({ From: `+${'6'.repeat(64)}` }));
    expect(response.statusCode).toBe(400);
    expect(response.json().message).not.toMatch(/missing/);
    expect(response.json().message).toMatch(/From must be a phone number/);
    const { From: _from, ...withoutFrom } = inboundForm();
    const missing = await stack.postSigned(PATH, withoutFrom);
    expect(missing.json().message).toMatch(/From is missing/);
  });

  it('accepts SMS and WhatsApp addresses in E.164 form', async () => {
    const sms = inboundForm({ From: '+12025550123' });
    const whatsapp = inboundForm({ From: 'whatsapp:+6281234567002', To: 'whatsapp:+14155238886' });
    expect((await stack.postSigned(PATH, sms)).statusCode).toBe(200);
    expect((await stack.postSigned(PATH, whatsapp)).statusCode).toBe(200);
    expect((await handledBySid(whatsapp.MessageSid ?? '')).channel).toBe('whatsapp');
  });

  it('stores a body of 65,536 characters whole and refuses a longer one clearly', async () => {
    // Three-byte characters: the longest form encoding of a body this long (9 bytes per character).
    const longest = inboundForm({ From: 'whatsapp:+6281234567003', Body: '€'.repeat(65_536) });
    const accepted = await stack.postSigned(PATH, longest);
    expect(accepted.statusCode).toBe(200);
    expect((await handledBySid(longest.MessageSid ?? '')).body).toBe(longest.Body);

    const tooLong = await stack.postSigned(PATH, inboundForm({ Body: 'x'.repeat(65_537) }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toMatch(/Body is longer than 65536 characters/);
  });

  it('keeps every media URL of a repeated MediaUrl0 key', async () => {
    const sid = messageSid();
    const first = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1';
    const second = 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2';
    const response = await postPairs([
      ['AccountSid', ACCOUNT_SID],
      ['MessageSid', sid],
      ['From', 'whatsapp:+6281234567004'],
      ['To', 'whatsapp:+14155238886'],
      ['Body', ''],
      ['NumMedia', '1'],
      ['MediaUrl0', first],
      ['MediaContentType0', 'image/jpeg'],
      ['MediaUrl0', second],
      ['MediaContentType0', 'image/png'],
    ]);
    expect(response.statusCode).toBe(200);
    expect(await providerMediaOf(stack.database.db, await handledBySid(sid))).toEqual([
      { url: first, contentType: 'image/jpeg' },
      { url: second, contentType: 'image/png' },
    ]);
  });

  it('refuses a repeated From with a message that says so', async () => {
    const response = await postPairs([
      ['AccountSid', ACCOUNT_SID],
      ['MessageSid', messageSid()],
      ['From', CITIZEN],
      ['From', '+6281234567999'],
      ['To', '+15005550006'],
      ['Body', 'halo'],
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/From is given more than once/);
  });
});
