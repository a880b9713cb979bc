import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { writeAndroidDevicesFile } from '../support/android-devices-file.js';
import { type AndroidSmsStandIn, startAndroidSmsStandIn } from '../support/android-sms-stand-in.js';
import { androidEnvelope, postAndroidWebhook } from '../support/android-sms-webhook.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const ACEH = {
  number: '+6281100000001',
  key: 'signing-key-aceh-0123456789',
  user: 'aceh',
  pass: 'pass-aceh',
};
const KALTIM = {
  number: '+6281100000002',
  key: 'signing-key-kaltim-012345678',
  user: 'kaltim',
  pass: 'pass-kaltim',
};

let seq = 0;
/** A distinct citizen number per call, +62812345xxxxx. */
const citizen = () => `+62812345${String(++seq).padStart(5, '0')}`;

function received(from: string, text: string, phone = ACEH, extra: Record<string, unknown> = {}) {
  return androidEnvelope('sms:received', {
    messageId: 'c0ffee12',
    message: text,
    phoneNumber: from,
    sender: from,
    recipient: phone.number,
    simNumber: 1,
    receivedAt: '2026-11-23T15:46:11.000+07:00',
    ...extra,
  });
}

describe('Android SMS gateway channel', () => {
  let stack: TestStack;
  let aceh: AndroidSmsStandIn;
  let kaltim: AndroidSmsStandIn;

  beforeAll(async () => {
    aceh = await startAndroidSmsStandIn(ACEH.user, ACEH.pass);
    kaltim = await startAndroidSmsStandIn(KALTIM.user, KALTIM.pass);
    // YAML, one phone per province: number, API base URL, basic-auth credentials, signing key.
    const file = writeAndroidDevicesFile([
      { ...ACEH, apiUrl: aceh.url },
      { ...KALTIM, apiUrl: kaltim.url },
    ]);
    stack = await startTestStack({
      env: {
        ANDROID_SMS_DEVICES_FILE: file,
        ANDROID_SMS_SENDS_PER_MINUTE: '600',
        ANDROID_SMS_HEALTH_INTERVAL_SECONDS: '1',
      },
    });
    await stack.startConversationWorkers();
  });
  afterAll(async () => {
    await stack?.close();
    await aceh?.close();
    await kaltim?.close();
  });

  const inboundRows = (providerMessageId: string) =>
    stack.database.db.select().from(messages).where(eq(messages.providerMessageId, providerMessageId));
  const contactOf = async (number: string) => {
    const [row] = await stack.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.channel, 'sms'), eq(contacts.addressHash, stack.services.cipher.hash(number))));
    return row;
  };

  it('takes a citizen from a first SMS to a reference code, every reply through the phone written to', async () => {
    const from = citizen();
    const first = await postAndroidWebhook(
      stack.app,
      ACEH.key,
      received(from, 'ada masalah tambang di kampung kami'),
    );
    expect(first.statusCode).toBe(200);
    await waitFor(async () => aceh.requests.length >= 1);
    expect(aceh.requests[0]?.body.phoneNumbers).toEqual([from]);
    expect(aceh.requests[0]?.body.withDeliveryReport).toBe(true);

    const second = await postAndroidWebhook(stack.app, ACEH.key, received(from, '2 Loa Ipuh, Kukar'));
    expect(second.statusCode).toBe(200);
    const contact = await waitFor(() => contactOf(from));
    const [report] = await waitFor(async () => {
      const rows = await stack.database.db.select().from(reports).where(eq(reports.contactId, contact.id));
      return rows.length ? rows : null;
    });
    const code = report?.referenceCode ?? 'missing';
    await waitFor(async () => aceh.texts().some((text) => text.includes(code)));
    expect(kaltim.requests).toHaveLength(0);
    expect(contact.provider).toBe('android-sms');
    // Stored as sent by the phone, under an id naming it and the id Suara gave the attempt. Later replies
    // (the survey consent question after the code) wait for the phone's send pace: wait for all of them.
    const outbound = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
      return rows.length >= 2 && rows.every((row) => row.providerMessageId) ? rows : null;
    }, 20_000);
    expect(outbound.length).toBeGreaterThanOrEqual(2);
    for (const row of outbound)
      expect(row.providerMessageId).toBe(`6281100000001.${row.id.replaceAll('-', '')}-${row.attempts}`);
  });

  it('answers each citizen through their own phone when two phones are connected', async () => {
    const before = { aceh: aceh.requests.length, kaltim: kaltim.requests.length };
    const fromKaltim = citizen();
    // Older phones report the sender as dialled locally: 0812… is +62812….
    const local = `0${fromKaltim.slice(3)}`;
    const envelope = received(local, 'ada masalah tambang di kampung kami', KALTIM, { sender: undefined });
    const response = await postAndroidWebhook(stack.app, KALTIM.key, envelope);
    expect(response.statusCode).toBe(200);
    await waitFor(async () => kaltim.requests.length > before.kaltim);
    expect(kaltim.requests.at(-1)?.body.phoneNumbers).toEqual([fromKaltim]);
    expect(kaltim.requests.at(-1)?.authorization).toBe(
      `Basic ${Buffer.from(`${KALTIM.user}:${KALTIM.pass}`).toString('base64')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(aceh.requests.length).toBe(before.aceh);
    const [row] = await inboundRows(`6281100000002.${envelope.id}`);
    expect(row?.provider).toBe('android-sms');
  });

  it('refuses forged, unsigned, stale and replayed webhooks, storing nothing from them', async () => {
    const forgedEnvelope = received(citizen(), 'palsu');
    const forged = await postAndroidWebhook(stack.app, ACEH.key, forgedEnvelope, { signWith: 'not-the-key' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: 'invalid_signature' });

    const unsigned = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/android-sms',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(received(citizen(), 'tanpa tanda tangan')),
    });
    expect(unsigned.statusCode).toBe(403);

    const staleEnvelope = received(citizen(), 'lama');
    const stale = await postAndroidWebhook(stack.app, ACEH.key, staleEnvelope, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ error: 'stale_timestamp' });

    // A body changed after signing does not match.
    const body = JSON.stringify(received(citizen(), 'asli'));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { signAndroidSmsWebhook } = await import('../../src/channels/android-sms/android-sms-signature.js');
    const tampered = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/android-sms',
      headers: {
        'content-type': 'application/json',
        'x-timestamp': timestamp,
        'x-signature': signAndroidSmsWebhook(ACEH.key, Buffer.from(body), timestamp),
      },
      payload: body.replace('asli', 'ubah'),
    });
    expect(tampered.statusCode).toBe(403);

    const replayEnvelope = received(citizen(), 'sekali saja');
    const signedAt = Math.floor(Date.now() / 1000);
    const original = await postAndroidWebhook(stack.app, ACEH.key, replayEnvelope, { timestamp: signedAt });
    expect(original.statusCode).toBe(200);
    const replay = await postAndroidWebhook(stack.app, ACEH.key, replayEnvelope, { timestamp: signedAt });
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ error: 'replayed' });

    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const envelope of [forgedEnvelope, staleEnvelope])
      expect(await inboundRows(`6281100000001.${envelope.id}`)).toHaveLength(0);
    expect(await inboundRows(`6281100000001.${replayEnvelope.id}`)).toHaveLength(1);
  });

  it('stores an event the app delivers several times once, by its event id or else by its content', async () => {
    const envelope = received(citizen(), 'sungai keruh karena tambang');
    // Each delivery signed at a different second (the app re-signs a retry), from one base so that a clock
    // tick between two deliveries cannot make two of them the same signed request (a replay).
    const base = Math.floor(Date.now() / 1000);
    const responses = await Promise.all(
      [0, 1, 2].map((i) => postAndroidWebhook(stack.app, ACEH.key, envelope, { timestamp: base - i })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    await waitFor(async () => (await inboundRows(`6281100000001.${envelope.id}`))[0]?.handledAt);

    // No event id (an old app): the same sender, time, SIM and text are the same message.
    const { id: _id, ...withoutId } = received(citizen(), 'debu batubara tiap hari');
    for (const offset of [0, 1]) {
      const response = await postAndroidWebhook(stack.app, ACEH.key, withoutId, {
        timestamp: base - 10 - offset,
      });
      expect(response.statusCode).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await inboundRows(`6281100000001.${envelope.id}`)).toHaveLength(1);
    const hashed = await stack.database.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.body, 'debu batubara tiap hari'),
          like(messages.providerMessageId, '6281100000001.%'),
        ),
      );
    expect(hashed).toHaveLength(1);
  });

  it('records the phone’s delivery reports as message statuses', async () => {
    const from = citizen();
    await postAndroidWebhook(stack.app, ACEH.key, received(from, 'ada masalah tambang di kampung kami'));
    const contact = await waitFor(() => contactOf(from));
    const [sent] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
      return rows[0]?.providerMessageId ? rows : null;
    });
    expect(sent?.status).toBe('queued');
    const appId = sent?.providerMessageId?.split('.')[1] ?? '';
    for (const [event, at] of [
      ['sms:sent', 'sentAt'],
      ['sms:delivered', 'deliveredAt'],
    ] as const) {
      const response = await postAndroidWebhook(
        stack.app,
        ACEH.key,
        androidEnvelope(event, {
          messageId: appId,
          phoneNumber: from,
          simNumber: 1,
          [at]: '2026-11-23T15:47:00.000+07:00',
        }),
      );
      expect(response.statusCode).toBe(200);
    }
    const [delivered] = await inboundRows(sent?.providerMessageId ?? '');
    expect(delivered?.status).toBe('delivered');
    // A late "sent" does not move it back.
    await postAndroidWebhook(stack.app, ACEH.key, androidEnvelope('sms:sent', { messageId: appId }));
    expect((await inboundRows(sent?.providerMessageId ?? ''))[0]?.status).toBe('delivered');

    const other = citizen();
    await postAndroidWebhook(stack.app, ACEH.key, received(other, 'ada masalah tambang di kampung kami'));
    const otherContact = await waitFor(() => contactOf(other));
    const [failing] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, otherContact.id), eq(messages.direction, 'outbound')));
      return rows[0]?.providerMessageId ? rows : null;
    });
    const failed = await postAndroidWebhook(
      stack.app,
      ACEH.key,
      androidEnvelope('sms:failed', {
        messageId: failing?.providerMessageId?.split('.')[1],
        reason: 'RESULT_ERROR_GENERIC_FAILURE',
        failedAt: '2026-11-23T15:47:00.000+07:00',
      }),
    );
    expect(failed.statusCode).toBe(200);
    const [row] = await inboundRows(failing?.providerMessageId ?? '');
    expect(row).toMatchObject({ status: 'failed', errorCode: 'RESULT_ERROR_GENERIC_FAILURE' });
  });

  it('retries a reply the phone’s API refused for a while, and fails one it refuses for good', async () => {
    const outboundOf = async (number: string) => {
      const contact = await waitFor(() => contactOf(number));
      return stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
    };
    // The phone's server briefly unavailable: the send is retried and goes out.
    aceh.script({ status: 503, body: { message: 'Service Unavailable' } });
    const patient = citizen();
    await postAndroidWebhook(stack.app, ACEH.key, received(patient, 'ada masalah tambang di kampung kami'));
    const [sent] = await waitFor(async () => {
      const rows = await outboundOf(patient);
      return rows[0]?.providerMessageId ? rows : null;
    });
    expect(sent?.attempts).toBeGreaterThanOrEqual(2);

    // Refused outright (a number the app will not send to): failed, not retried.
    aceh.script({ status: 400, body: { message: 'invalid phone number' } });
    const refused = citizen();
    const before = aceh.requests.length;
    await postAndroidWebhook(stack.app, ACEH.key, received(refused, 'ada masalah tambang di kampung kami'));
    const [failed] = await waitFor(async () => {
      const rows = await outboundOf(refused);
      return rows[0]?.status === 'failed' ? rows : null;
    });
    expect(failed).toMatchObject({ errorCode: 'http_400', providerMessageId: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(aceh.requests.length).toBe(before + 1);
  });

  it('acknowledges pings and operator notices without storing or answering them', async () => {
    const before = aceh.requests.length;
    const ping = await postAndroidWebhook(
      stack.app,
      ACEH.key,
      androidEnvelope('system:ping', { health: { status: 'pass' } }),
    );
    expect(ping.statusCode).toBe(200);
    const notice = received('TELKOMSEL', 'Sisa pulsa Anda Rp 1.000');
    const response = await postAndroidWebhook(stack.app, ACEH.key, notice);
    expect(response.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(aceh.requests.length).toBe(before);
    expect(await inboundRows(`6281100000001.${notice.id}`)).toHaveLength(0);
  });

  it('answers 400 for a signed body that is not an event, and 415 for a form', async () => {
    const malformed = await postAndroidWebhook(stack.app, ACEH.key, { event: 42 });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'malformed_body' });
    const form = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/android-sms',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expect(form.statusCode).toBe(415);
  });

  it('shows each phone’s health in /readyz details and warns when one stops answering', async () => {
    const details = async () =>
      (await stack.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '127.0.0.1' })).json();
    await waitFor(async () => {
      const body = await details();
      return (
        body.channels?.['android-sms 6281100000001'] === 'ok' &&
        body.channels?.['android-sms 6281100000002'] === 'ok'
      );
    });
    kaltim.setHealthy(false);
    const unhealthy = await waitFor(async () => {
      const body = await details();
      return body.channels?.['android-sms 6281100000002'] !== 'ok' ? body : null;
    });
    expect(unhealthy.status).toBe('ok');
    expect(unhealthy.channels['android-sms 6281100000002']).toMatch(/HTTP 500/);
    await waitFor(async () => stack.logs.some((line) => line.includes('Android SMS phone unhealthy')), 5000);
    // Remote callers see no details.
    const remote = await stack.app.inject({ method: 'GET', url: '/readyz', remoteAddress: '203.0.113.7' });
    expect(remote.json()).toEqual({ status: 'ok' });
  });

  it('keeps citizens’ numbers, texts and the phones’ secrets out of the logs', () => {
    const logs = stack.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/62812345\d{5}|0812345\d{5}/);
    expect(logs).not.toContain('masalah tambang');
    expect(logs).not.toContain(ACEH.key);
    expect(logs).not.toContain(KALTIM.pass);
  });
});

describe('Webhook channels without configuration', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers its webhook with 503 naming the variables to set', async () => {
    const response = await postAndroidWebhook(stack.app, 'any', received(citizen(), 'halo'));
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: 'channel_disabled' });
    expect(response.json().message).toMatch(
      /ANDROID_SMS_API_URL.*ANDROID_SMS_SIGNING_KEY.*ANDROID_SMS_DEVICES_FILE/,
    );
  });

  it('answers the other webhook channels’ requests with 503 naming their variables too', async () => {
    const cloud = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp-cloud',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(cloud.statusCode).toBe(503);
    expect(cloud.json().message).toMatch(/WHATSAPP_CLOUD_ACCESS_TOKEN.*WHATSAPP_CLOUD_PHONE_NUMBER_ID/);
    const handshake = await stack.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp-cloud?hub.mode=subscribe',
    });
    expect(handshake.statusCode).toBe(503);
  });
});
