import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/channels/channel-adapter.js';
import type { Channel } from '../../src/channels/channel-module.js';
import { createWebhookEventSink } from '../../src/channels/webhook-event-sink.js';
import { openBaileysMedia } from '../../src/channels/whatsapp-web/baileys-media-ref.js';
import { linkNumber } from '../../src/channels/whatsapp-web/link-number.js';
import { loadBaileys } from '../../src/channels/whatsapp-web/load-baileys.js';
import { createWhatsappWebAuthStore } from '../../src/channels/whatsapp-web/whatsapp-web-auth-store.js';
import { createWhatsappWebChannel } from '../../src/channels/whatsapp-web/whatsapp-web-channel.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { placeHints, storedMedia } from '../../src/db/schema/media.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import type { RunningWorkers } from '../../src/pipeline/start-workers.js';
import { createStatusUpdateService } from '../../src/pipeline/status-update-service.js';
import { createConversationRuntime } from '../../src/runtime/create-conversation-runtime.js';
import { startServiceWorkers } from '../../src/runtime/start-service-workers.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import {
  closeWith,
  type FakeWhatsappSocket,
  fakeSocketFactory,
} from '../support/whatsapp-web-fake-socket.js';
import { storeLinkedCreds } from '../support/whatsapp-web-link.js';

let seq = 0;
/** A distinct citizen per call, 62813999xxxxx. */
const citizen = () => `62813999${String(++seq).padStart(5, '0')}`;
let idSeq = 0;
const messageId = () => `3EB0C17E${String(++idSeq).padStart(12, '0')}`;

function incoming(number: string, content: object, key: object = {}) {
  return {
    key: { remoteJid: `${number}@s.whatsapp.net`, fromMe: false, id: messageId(), ...key },
    message: content,
    messageTimestamp: Math.floor(Date.now() / 1000),
  };
}

describe('WhatsApp Web channel (Baileys) against a stand-in socket', () => {
  let stack: TestStack;
  let channel: Channel;
  let workers: RunningWorkers;
  const fake = fakeSocketFactory();
  const worker = () => createRedisConnection(stack.config.REDIS_URL, 'worker');
  let workerConnection: ReturnType<typeof worker>;
  const socket = (): FakeWhatsappSocket => {
    const latest = fake.sockets.at(-1);
    if (!latest) throw new Error('no socket yet');
    return latest;
  };

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        WHATSAPP_WEB_ENABLED: 'true',
        WHATSAPP_WEB_SENDS_PER_MINUTE: '120',
        WHATSAPP_WEB_LOCK_TTL_SECONDS: '3',
      },
    });
    const settings = stack.config.whatsappWeb;
    if (!settings) throw new Error('WHATSAPP_WEB_ENABLED did not enable the channel');
    await storeLinkedCreds(stack.database.db, stack.services.cipher);
    // The registry's own module, built with the stand-in socket instead of Baileys' makeWASocket.
    channel = createWhatsappWebChannel(settings, {
      logger: stack.services.logger,
      redis: stack.services.redis,
      queuePrefix: stack.config.QUEUE_PREFIX,
      socketFactory: fake.factory,
      standbyRetryMs: 100,
      reconnect: { initialMs: 50, maxMs: 400 },
      open: async () => ({
        db: stack.database.db,
        cipher: stack.services.cipher,
        events: createWebhookEventSink({
          inbound: stack.services.inbound,
          statusUpdates: createStatusUpdateService(stack.database.db),
        }),
        close: async () => {},
      }),
    });
    const services = {
      ...stack.services,
      channels: new Map<Provider, Channel>([...stack.services.channels, ['baileys', channel]]),
      adapters: new Map([...stack.services.adapters, ['baileys', channel.adapter] as const]),
    };
    const runtime = await createConversationRuntime(services, stack.domain);
    workerConnection = worker();
    // The worker start-up starts the channel, as `suara worker` and `suara serve` do.
    workers = await startServiceWorkers(services, workerConnection, runtime.handler);
    await waitFor(async () => fake.sockets.length === 1);
    socket().emit('connection.update', { connection: 'open' });
  });
  afterAll(async () => {
    await workers?.close();
    workerConnection?.disconnect();
    await stack?.close();
  });

  const rowsOf = (providerMessageId: string) =>
    stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.provider, 'baileys'), eq(messages.providerMessageId, providerMessageId)));
  const sourceRefOf = async (messageRowId: string): Promise<string> => {
    const [row] = await stack.database.db
      .select({ sourceRef: storedMedia.sourceRef })
      .from(storedMedia)
      .where(eq(storedMedia.messageId, messageRowId));
    return row?.sourceRef ?? '';
  };
  const contactOf = async (number: string) => {
    const [row] = await stack.database.db
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.channel, 'whatsapp'),
          eq(contacts.addressHash, stack.services.cipher.hash(`+${number}`)),
        ),
      );
    return row;
  };

  it('takes a citizen to a reference code, every reply through sendMessage', async () => {
    const from = citizen();
    const jid = `${from}@s.whatsapp.net`;
    socket().emit('messages.upsert', {
      type: 'notify',
      messages: [
        incoming(from, {
          conversation: 'sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar',
        }),
      ],
    });
    await waitFor(async () => socket().sent.some((sent) => sent.jid === jid));
    const photo = incoming(from, {
      imageMessage: {
        url: 'https://mmg.whatsapp.net/o1/v/t62.7118-24/f1/m231/photo.enc',
        directPath: '/o1/v/t62.7118-24/f1/m231/photo.enc',
        mediaKey: Buffer.alloc(32, 7),
        mimetype: 'image/jpeg',
        caption: '',
      },
    });
    socket().emit('messages.upsert', { type: 'notify', messages: [photo] });
    const contact = await waitFor(() => contactOf(from));
    const [report] = await waitFor(async () => {
      const rows = await stack.database.db.select().from(reports).where(eq(reports.contactId, contact.id));
      return rows.length ? rows : null;
    });
    const code = report?.referenceCode ?? 'missing';
    await waitFor(async () => socket().sent.some((sent) => sent.jid === jid && sent.text.includes(code)));
    expect(contact.provider).toBe('baileys');
    // The photo is a reference whose download details (with the media key) are sealed, not readable.
    const [stored] = await rowsOf(photo.key.id);
    expect(stored?.media).toHaveLength(1);
    // Handed to the media download job: its source is WhatsApp Web's sealed reference.
    const source = await sourceRefOf(stored?.id ?? '');
    expect(source).toMatch(/^baileys:media\/imageMessage\/v\d+\./);
    expect(source).not.toContain('mmg.whatsapp.net');
    const { BufferJSON } = await loadBaileys();
    const opened = openBaileysMedia(stack.services.cipher, BufferJSON, source);
    expect(opened?.kind).toBe('imageMessage');
    expect(Buffer.from(opened?.content.mediaKey ?? [])).toEqual(Buffer.alloc(32, 7));
    expect(opened?.content.directPath).toBe('/o1/v/t62.7118-24/f1/m231/photo.enc');
    // Replies are stored under WhatsApp's message id, so receipts find them.
    const outbound = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'outbound')));
      return rows.every((row) => row.providerMessageId) ? rows : null;
    });
    expect(outbound.length).toBeGreaterThanOrEqual(2);
    for (const row of outbound) expect(socket().sent.map((sent) => sent.id)).toContain(row.providerMessageId);
  });

  it('records delivery receipts from messages.update', async () => {
    const from = citizen();
    socket().emit('messages.upsert', {
      type: 'notify',
      messages: [incoming(from, { conversation: 'halo' })],
    });
    const reply = await waitFor(async () => {
      const sent = socket().sent.find((s) => s.jid === `${from}@s.whatsapp.net`);
      if (!sent) return null;
      const [row] = await rowsOf(sent.id);
      return row ? sent : null;
    });
    socket().emit('messages.update', [
      { key: { remoteJid: reply.jid, fromMe: true, id: reply.id }, update: { status: 3 } },
    ]);
    await waitFor(async () => (await rowsOf(reply.id))[0]?.status === 'delivered');
    socket().emit('messages.update', [
      { key: { remoteJid: reply.jid, fromMe: true, id: reply.id }, update: { status: 4 } },
    ]);
    await waitFor(async () => (await rowsOf(reply.id))[0]?.status === 'read');
  });

  it('stores a shared location as a place in words and a place hint, and a voice note as media', async () => {
    const from = citizen();
    const place = incoming(from, {
      locationMessage: {
        degreesLatitude: -0.5022,
        degreesLongitude: 117.1536,
        name: 'Loa Ipuh',
        address: 'Tenggarong, Kukar',
      },
    });
    const voice = incoming(from, {
      audioMessage: {
        url: 'https://mmg.whatsapp.net/v/voice.enc',
        mediaKey: Buffer.alloc(32, 9),
        mimetype: 'audio/ogg; codecs=opus',
        ptt: true,
      },
    });
    socket().emit('messages.upsert', { type: 'notify', messages: [place, voice] });
    await waitFor(async () => (await rowsOf(voice.key.id)).length === 1);
    const [where] = await waitFor(async () => {
      const rows = await rowsOf(place.key.id);
      return rows.length ? rows : null;
    });
    expect(where?.body).toBe('Loa Ipuh, Tenggarong, Kukar, -0.5022,117.1536');
    const hints = await stack.database.db
      .select()
      .from(placeHints)
      .where(eq(placeHints.messageId, where?.id ?? ''));
    expect(hints).toEqual([
      expect.objectContaining({ source: 'shared_location', latitude: -0.5022, longitude: 117.1536 }),
    ]);
    const [audio] = await rowsOf(voice.key.id);
    expect(audio?.media).toHaveLength(1);
    expect(await sourceRefOf(audio?.id ?? '')).toMatch(/^baileys:media\/audioMessage\//);
  });

  it('ignores groups, status updates, channels, history and the gateway’s own messages', async () => {
    const from = citizen();
    const ignored = [
      incoming(
        from,
        { conversation: 'grup' },
        { remoteJid: '120363041234567890@g.us', participant: `${from}@s.whatsapp.net` },
      ),
      incoming(
        from,
        { conversation: 'status' },
        { remoteJid: 'status@broadcast', participant: `${from}@s.whatsapp.net` },
      ),
      incoming(from, { conversation: 'saluran' }, { remoteJid: '120363998877665544@newsletter' }),
      incoming(from, { conversation: 'dari HP sendiri' }, { fromMe: true }),
    ];
    socket().emit('messages.upsert', { type: 'notify', messages: ignored });
    const history = incoming(from, { conversation: 'lama' });
    socket().emit('messages.upsert', { type: 'append', messages: [history] });
    // A message after them all: once it is stored, the ones before it would have been too.
    const marker = incoming(citizen(), { conversation: 'halo' });
    socket().emit('messages.upsert', { type: 'notify', messages: [marker] });
    await waitFor(async () => (await rowsOf(marker.key.id)).length === 1);
    for (const message of [...ignored, history]) expect(await rowsOf(message.key.id)).toHaveLength(0);
    expect(await contactOf(from)).toBeUndefined();
  });

  it('takes a message addressed by LID with its phone number, and stores a redelivered message once', async () => {
    const from = citizen();
    const message = incoming(
      from,
      { conversation: 'ada tambang ilegal' },
      { remoteJid: '123456789012345@lid', remoteJidAlt: `${from}@s.whatsapp.net` },
    );
    socket().emit('messages.upsert', { type: 'notify', messages: [message] });
    socket().emit('messages.upsert', { type: 'notify', messages: [message] });
    await waitFor(async () => (await rowsOf(message.key.id))[0]?.handledAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rowsOf(message.key.id)).toHaveLength(1);
    expect(await contactOf(from)).toBeDefined();
  });

  it('reconnects with a new socket after a dropped connection', async () => {
    const before = fake.sockets.length;
    closeWith(socket(), 428);
    await waitFor(async () => fake.sockets.length === before + 1);
    socket().emit('connection.update', { connection: 'open' });
    expect(await channel.health?.()).toEqual({ default: 'ok' });
    const from = citizen();
    socket().emit('messages.upsert', {
      type: 'notify',
      messages: [incoming(from, { conversation: 'halo lagi' })],
    });
    await waitFor(async () => socket().sent.some((sent) => sent.jid === `${from}@s.whatsapp.net`));
  });

  it('reports a logged-out number loudly, forgets its link and does not reconnect', async () => {
    const before = fake.sockets.length;
    closeWith(socket(), 401);
    const health = await waitFor(async () => {
      const current = await channel.health?.();
      return current?.default?.startsWith('logged out') ? current : null;
    });
    expect(health.default).toMatch(/^logged out at .*suara whatsapp-web link/);
    const line = stack.logs.find((l) => l.includes('logged this number out')) ?? '';
    expect(JSON.parse(line).level).toBe(50);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.sockets.length).toBe(before);
    const store = createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'default');
    expect(await store.isLinked()).toBe(false);
  });

  it('keeps the authentication state in Postgres, sealed, Buffers and Uint8Arrays intact', async () => {
    const store = createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'round-trip');
    const { state, saveCreds } = await store.load();
    expect(await store.isLinked()).toBe(false);
    const privateKey = Buffer.from(state.creds.noiseKey.private);
    state.creds.me = { id: '6281100000098:2@s.whatsapp.net' };
    state.creds.account = { details: new Uint8Array([1, 2, 3]), accountSignature: Buffer.alloc(64, 4) };
    await saveCreds();
    const session = new Uint8Array(Array.from({ length: 48 }, (_, i) => (i * 37) % 256));
    await state.keys.set({
      'pre-key': { '7': { public: Buffer.alloc(32, 5), private: Buffer.alloc(32, 6) } },
      session: { 'person.0': session },
      'lid-mapping': { '6281100000098': '123456789012345' },
      'app-state-sync-key': { AAAAAQ: { keyData: new Uint8Array([9, 8, 7]), timestamp: 1700000000 } },
    });

    // Another process (another store over the same rows) reads back what was written.
    const again = await createWhatsappWebAuthStore(
      stack.database.db,
      stack.services.cipher,
      'round-trip',
    ).load();
    expect(Buffer.from(again.state.creds.noiseKey.private)).toEqual(privateKey);
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(again.state.creds.account?.details ?? [])).toEqual(Buffer.from([1, 2, 3]));
    expect(await store.isLinked()).toBe(true);
    const preKeys = await again.state.keys.get('pre-key', ['7', '8']);
    expect(Buffer.from(preKeys['7']?.private ?? [])).toEqual(Buffer.alloc(32, 6));
    expect(preKeys['8']).toBeUndefined();
    const sessions = await again.state.keys.get('session', ['person.0']);
    expect(Buffer.from(sessions['person.0'] ?? [])).toEqual(Buffer.from(session));
    expect(await again.state.keys.get('lid-mapping', ['6281100000098'])).toEqual({
      '6281100000098': '123456789012345',
    });
    const syncKeys = await again.state.keys.get('app-state-sync-key', ['AAAAAQ']);
    expect(Buffer.from(syncKeys.AAAAAQ?.keyData ?? [])).toEqual(Buffer.from([9, 8, 7]));
    expect(syncKeys.AAAAAQ?.constructor.name).toBe('AppStateSyncKeyData');

    // Nothing readable in the table: no key material, no number, not even Baileys' JSON shape.
    const { rows } = await stack.database.pool.query<{ key: string; value: string }>(
      `select key, value from whatsapp_web_auth where session = 'round-trip'`,
    );
    expect(rows.map((row) => row.key).sort()).toEqual(
      [
        'app-state-sync-key/AAAAAQ',
        'creds',
        'lid-mapping/6281100000098',
        'pre-key/7',
        'session/person.0',
      ].sort(),
    );
    for (const row of rows) {
      expect(row.value).toMatch(/^v\d+\./);
      expect(row.value).not.toContain('Buffer');
      expect(row.value).not.toContain('6281100000098');
      expect(row.value).not.toContain('123456789012345');
      expect(row.value).not.toContain(privateKey.toString('base64'));
    }

    // A null value deletes the key, as Baileys expects.
    await again.state.keys.set({ 'pre-key': { '7': null } });
    expect(await again.state.keys.get('pre-key', ['7'])).toEqual({});
    await store.clear();
    expect(
      (await stack.database.pool.query(`select 1 from whatsapp_web_auth where session = 'round-trip'`))
        .rowCount,
    ).toBe(0);
  });

  it('links a number: QR codes shown, WhatsApp’s restart after the scan followed, the link saved', async () => {
    const store = createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'linking');
    const link = fakeSocketFactory();
    const qrs: string[] = [];
    const linking = linkNumber({
      store,
      socketFactory: link.factory,
      onQr: (qr) => qrs.push(qr),
      timeoutMs: 10_000,
      settleMs: 10,
    });
    await waitFor(async () => link.sockets.length === 1);
    const first = link.sockets[0] as FakeWhatsappSocket;
    first.emit('connection.update', { qr: '2@first,qr' });
    first.emit('connection.update', { qr: '2@second,qr' });
    expect(qrs).toEqual(['2@first,qr', '2@second,qr']);
    // The phone scanned the code: Baileys fills in the account, then WhatsApp asks for a restart.
    first.auth.creds.me = { id: '6281100000097:3@s.whatsapp.net' };
    first.auth.creds.account = { details: Buffer.from('signed'), accountSignature: Buffer.alloc(64, 1) };
    first.emit('creds.update', { me: first.auth.creds.me });
    closeWith(first, 515);
    await waitFor(async () => link.sockets.length === 2);
    expect(link.sockets[1]?.auth.creds).toBe(first.auth.creds);
    link.sockets[1]?.emit('connection.update', { connection: 'open' });
    expect(await linking).toEqual({ ok: true, linkedAs: '+6281100000097' });
    expect(link.sockets[1]?.ended).toBe(true);
    expect(await store.isLinked()).toBe(true);
  });

  it('links by pairing code, and says so when the codes expire unused', async () => {
    const store = createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'pairing');
    const link = fakeSocketFactory();
    const codes: string[] = [];
    const linking = linkNumber({
      store,
      socketFactory: link.factory,
      onQr: () => {
        throw new Error('no QR code when pairing by code');
      },
      pairingPhone: '6281100000096',
      onPairingCode: (code) => codes.push(code),
      timeoutMs: 10_000,
    });
    await waitFor(async () => link.sockets.length === 1);
    const socket = link.sockets[0] as FakeWhatsappSocket;
    socket.emit('connection.update', { qr: '2@ready' });
    socket.emit('connection.update', { qr: '2@again' });
    await waitFor(async () => codes.length === 1);
    expect(socket.pairingRequests).toEqual(['6281100000096']);
    closeWith(socket, 408);
    expect(await linking).toEqual({ ok: false, error: 'the QR codes expired before one was scanned' });
    expect(await store.isLinked()).toBe(false);
  });

  it('keeps numbers and texts out of the logs', () => {
    const logs = stack.logs.join('\n');
    expect(logs).not.toMatch(/62813999\d{5}/);
    expect(logs).not.toContain('Loa Ipuh');
    expect(logs).not.toContain('6281100000099');
  });
});
