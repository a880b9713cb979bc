import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { type GraphStandIn, sentText, startGraphStandIn } from '../support/graph-api-stand-in.js';
import { providerMediaOf } from '../support/provider-media-refs.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { cloudText, cloudWebhook, postCloudWebhook, wamid } from '../support/whatsapp-cloud-webhook.js';

const TOKEN = 'EAAG-test-access-token';
const SECRET = 'test-app-secret-0123456789';
const VERIFY = 'verify-token-abcdef';
const PHONE_ID = '106540352242922';

let seq = 0;
const waId = () => `62813777${String(++seq).padStart(5, '0')}`;
const webhook = (value: { messages?: object[]; statuses?: object[] }, phoneNumberId = PHONE_ID) =>
  cloudWebhook(value, phoneNumberId);
const text = cloudText;

describe('WhatsApp Cloud API channel', () => {
  let stack: TestStack;
  let graph: GraphStandIn;

  const post = (payload: object, secret = SECRET) => postCloudWebhook(stack, secret, payload);
  const byId = (id: string) =>
    stack.database.db.select().from(messages).where(eq(messages.providerMessageId, id));
  const contactOf = async (id: string) => {
    const [row] = await stack.database.db
      .select()
      .from(contacts)
      .where(
        and(eq(contacts.channel, 'whatsapp'), eq(contacts.addressHash, stack.services.cipher.hash(`+${id}`))),
      );
    return row;
  };

  beforeAll(async () => {
    graph = await startGraphStandIn(TOKEN);
    stack = await startTestStack({
      env: {
        WHATSAPP_CLOUD_API_BASE_URL: graph.url,
        WHATSAPP_CLOUD_API_VERSION: 'v21.0',
        WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
        WHATSAPP_CLOUD_APP_SECRET: SECRET,
        WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY,
        WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
      },
    });
    await stack.startConversationWorkers();
  });
  afterAll(async () => {
    await stack?.close();
    await graph?.close();
  });

  it('answers Meta’s verification handshake only with the verify token', async () => {
    const ok = await stack.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await stack.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('takes a citizen to a reference code, with a photo, replies arriving at the Graph API', async () => {
    const from = waId();
    const first = await post(
      webhook({
        messages: [text(from, 'sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar')],
      }),
    );
    expect(first.statusCode).toBe(200);
    await waitFor(async () => graph.requests.some((r) => r.body.to === from));
    const photo = {
      from,
      id: wamid(),
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: 'image',
      image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'x' },
    };
    expect((await post(webhook({ messages: [photo] }))).statusCode).toBe(200);
    const contact = await waitFor(() => contactOf(from));
    const [report] = await waitFor(async () => {
      const rows = await stack.database.db.select().from(reports).where(eq(reports.contactId, contact.id));
      return rows.length ? rows : null;
    });
    const code = report?.referenceCode ?? 'missing';
    await waitFor(async () => graph.requests.some((r) => r.body.to === from && sentText(r)?.includes(code)));
    const sent = graph.requests.filter((r) => r.body.to === from);
    expect(sent[0]).toMatchObject({
      path: `/v21.0/${PHONE_ID}/messages`,
      body: { messaging_product: 'whatsapp', type: 'text' },
    });
    const [stored] = await byId(photo.id);
    // The message refers to stored media; the media id waits for the download job in stored_media.
    expect(await providerMediaOf(stack.database.db, stored ?? { id: '', media: [] })).toEqual([
      { url: 'whatsapp-cloud:media/1479537139650973', contentType: 'image/jpeg' },
    ]);
    expect(contact.provider).toBe('whatsapp-cloud');
  });

  it('takes a batch of several messages in one request, each stored once when delivered twice', async () => {
    const a = waId();
    const b = waId();
    const sent = [text(a, 'halo'), text(b, 'selamat pagi')];
    const batch = webhook({ messages: sent });
    const responses = await Promise.all([post(batch), post(batch)]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    for (const message of sent) await waitFor(async () => (await byId(message.id))[0]?.handledAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const message of sent) expect(await byId(message.id)).toHaveLength(1);
  });

  it('records delivery statuses, and failures with Meta’s error code', async () => {
    const from = waId();
    await post(webhook({ messages: [text(from, 'halo')] }));
    const contact = await waitFor(() => contactOf(from));
    const [reply] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
      return rows[0]?.providerMessageId ? rows : null;
    });
    const id = reply?.providerMessageId ?? '';
    const status = (name: string, extra: object = {}) => ({
      id,
      status: name,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: from,
      ...extra,
    });
    expect((await post(webhook({ statuses: [status('delivered'), status('read')] }))).statusCode).toBe(200);
    expect((await byId(id))[0]?.status).toBe('read');

    const other = waId();
    await post(webhook({ messages: [text(other, 'halo')] }));
    const otherContact = await waitFor(() => contactOf(other));
    const [failing] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, otherContact.id), eq(messages.direction, 'outbound')));
      return rows[0]?.providerMessageId ? rows : null;
    });
    await post(
      webhook({
        statuses: [
          {
            id: failing?.providerMessageId,
            status: 'failed',
            timestamp: '1',
            errors: [{ code: 131026, title: 'Message undeliverable' }],
          },
        ],
      }),
    );
    expect((await byId(failing?.providerMessageId ?? ''))[0]).toMatchObject({
      status: 'failed',
      errorCode: '131026',
    });
  });

  it('holds a free-form reply Meta refuses outside the 24-hour window instead of failing it', async () => {
    graph.script({
      status: 400,
      body: { error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047 } },
    });
    const from = waId();
    await post(webhook({ messages: [text(from, 'halo')] }));
    const contact = await waitFor(() => contactOf(from));
    const [held] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
      return rows[0]?.status === 'held' ? rows : null;
    });
    expect(held?.errorCode).toBe('131047');
  });

  it('refuses unsigned and forged webhooks and ignores other numbers of the same app', async () => {
    const message = text(waId(), 'palsu');
    expect((await post(webhook({ messages: [message] }), 'wrong-secret')).statusCode).toBe(403);
    const unsigned = await stack.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp-cloud',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(webhook({ messages: [message] })),
    });
    expect(unsigned.statusCode).toBe(403);
    const elsewhere = text(waId(), 'untuk nomor lain');
    expect((await post(webhook({ messages: [elsewhere] }, '999999999'))).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await byId(message.id)).toHaveLength(0);
    expect(await byId(elsewhere.id)).toHaveLength(0);
  });

  it('keeps numbers, texts and secrets out of the logs', () => {
    const logs = stack.logs.join('\n');
    expect(logs).not.toMatch(/62813777\d{5}/);
    expect(logs).not.toContain('Loa Ipuh');
    expect(logs).not.toContain(TOKEN);
    expect(logs).not.toContain(SECRET);
  });
});
