import type { FastifyInstance } from 'fastify';
import type { Channel } from '../../src/channels/channel-module.js';
import { createWebhookEventSink } from '../../src/channels/webhook-event-sink.js';
import { createWhatsappWebChannel } from '../../src/channels/whatsapp-web/whatsapp-web-channel.js';
import {
  createWhatsappWebLinkService,
  type WhatsappWebLinkService,
} from '../../src/channels/whatsapp-web/whatsapp-web-link-service.js';
import { buildApp } from '../../src/http/build-app.js';
import { createStatusUpdateService } from '../../src/pipeline/status-update-service.js';
import { type TestStack, waitFor } from './test-stack.js';
import { closeWith, type FakeWhatsappSocket, fakeSocketFactory } from './whatsapp-web-fake-socket.js';

export interface LinkApp {
  /** The workspace app with the link service on the stand-in socket (Baileys cannot reach WhatsApp here). */
  app: FastifyInstance;
  service: WhatsappWebLinkService;
  /** The sockets the link routine opened, the latest last. */
  sockets: FakeWhatsappSocket[];
  latest(): FakeWhatsappSocket;
}

/** The stack's own app and services, with only the link service's socket swapped for the stand-in. */
export async function startLinkApp(stack: TestStack): Promise<LinkApp> {
  const link = fakeSocketFactory();
  const service = createWhatsappWebLinkService({
    db: stack.database.db,
    redis: stack.services.redis,
    cipher: stack.services.cipher,
    logger: stack.services.logger,
    queuePrefix: stack.config.QUEUE_PREFIX,
    session: stack.config.WHATSAPP_WEB_SESSION,
    enabled: stack.config.whatsappWeb !== null,
    lockTtlMs: stack.config.WHATSAPP_WEB_LOCK_TTL_SECONDS * 1000,
    socketFactory: link.factory,
    timeoutMs: 60_000,
    settleMs: 20,
    cancelPollMs: 100,
  });
  const app = await buildApp({
    ...stack.services,
    workspace: { ...stack.workspace, whatsappWebLink: service },
  });
  return {
    app,
    service,
    sockets: link.sockets,
    latest() {
      const socket = link.sockets.at(-1);
      if (!socket) throw new Error('the link routine opened no socket yet');
      return socket;
    },
  };
}

/**
 * The phone scanned the code: Baileys fills in the account, WhatsApp asks for a restart, and the new
 * connection opens — as in the link test of whatsapp-web.test.ts.
 */
export async function confirmOnPhone(linkApp: LinkApp, jid: string): Promise<void> {
  const scanned = linkApp.latest();
  const before = linkApp.sockets.length;
  scanned.auth.creds.me = { id: jid };
  scanned.auth.creds.account = { details: Buffer.from('signed'), accountSignature: Buffer.alloc(64, 1) };
  scanned.emit('creds.update', { me: scanned.auth.creds.me });
  closeWith(scanned, 515);
  await waitFor(async () => linkApp.sockets.length === before + 1);
  linkApp.latest().emit('connection.update', { connection: 'open' });
}

/** A worker's WhatsApp Web channel, as `suara worker` runs it, with its own stand-in sockets. */
export async function startWorkerChannel(
  stack: TestStack,
): Promise<{ channel: Channel; sockets: FakeWhatsappSocket[] }> {
  const settings = stack.config.whatsappWeb;
  if (!settings) throw new Error('WHATSAPP_WEB_ENABLED did not enable the channel');
  const fake = fakeSocketFactory();
  const channel = createWhatsappWebChannel(settings, {
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
  await channel.start?.();
  return { channel, sockets: fake.sockets };
}
