import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/database.js';
import { createDatabase } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { createInboundProducer } from '../../pipeline/inbound-producer.js';
import { createStatusUpdateService } from '../../pipeline/status-update-service.js';
import { createPiiCipher, type PiiCipher } from '../../privacy/pii-cipher.js';
import type { Channel, ChannelModule } from '../channel-module.js';
import { createWebhookEventSink, type WebhookEventSink } from '../webhook-event-sink.js';
import { sealBaileysMedia } from './baileys-media-ref.js';
import { createHolderLock, holderLockKey } from './holder-lock.js';
import { loadBaileys } from './load-baileys.js';
import { baileysSocketFactory } from './make-baileys-socket.js';
import type { SocketFactory } from './whatsapp-socket.js';
import { createWhatsappWebAdapter } from './whatsapp-web-adapter.js';
import { createWhatsappWebAuthStore } from './whatsapp-web-auth-store.js';
import type { WhatsappWebConfig } from './whatsapp-web-config.js';
import { createWhatsappWebConnection, type WhatsappWebConnection } from './whatsapp-web-connection.js';
import { createWhatsappWebStatus } from './whatsapp-web-status.js';

/** What the connection needs beyond Redis, opened only by the process that runs it (`start`). */
export interface WhatsappWebResources {
  db: Db;
  cipher: PiiCipher;
  events: WebhookEventSink;
  close(): Promise<void>;
}

export interface WhatsappWebChannelDeps {
  logger: Logger;
  redis: Redis;
  queuePrefix: string;
  socketFactory: SocketFactory;
  open(): Promise<WhatsappWebResources>;
  standbyRetryMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
  clock?: () => Date;
}

export function createWhatsappWebChannel(settings: WhatsappWebConfig, deps: WhatsappWebChannelDeps): Channel {
  const status = createWhatsappWebStatus(deps.redis, deps.queuePrefix, settings.session);
  let connection: WhatsappWebConnection | null = null;
  let resources: WhatsappWebResources | null = null;
  return {
    adapter: createWhatsappWebAdapter(
      () => connection,
      () => {
        if (!resources) throw new Error('the WhatsApp Web channel is not started in this process');
        return resources.cipher;
      },
    ),
    async health() {
      const state = await status.read().catch(() => 'Redis unreachable');
      const detail = state ?? 'no process holds the WhatsApp connection (are the workers running?)';
      return { [settings.session]: detail.startsWith('ok') ? 'ok' : detail };
    },
    // WhatsApp bans numbers that send fast; the limit holds across every worker process.
    sendRate: { max: settings.sendsPerMinute, durationMs: 60_000 },
    async start() {
      if (connection) return;
      resources = await deps.open();
      const { BufferJSON } = await loadBaileys();
      const opened = resources;
      connection = createWhatsappWebConnection({
        store: createWhatsappWebAuthStore(opened.db, opened.cipher, settings.session),
        lock: createHolderLock(
          deps.redis,
          holderLockKey(deps.queuePrefix, settings.session),
          settings.lockTtlMs,
        ),
        status,
        socketFactory: deps.socketFactory,
        accept: (events) => opened.events.accept('baileys', events),
        mediaRef: (kind, content) => sealBaileysMedia(opened.cipher, BufferJSON, kind, content),
        logger: deps.logger,
        lockTtlMs: settings.lockTtlMs,
        ...(deps.standbyRetryMs ? { standbyRetryMs: deps.standbyRetryMs } : {}),
        ...(deps.reconnect ? { reconnect: deps.reconnect } : {}),
        ...(deps.clock ? { clock: deps.clock } : {}),
      });
      connection.start();
    },
    async stop() {
      await connection?.stop();
      connection = null;
      await resources?.close();
      resources = null;
    },
  };
}

/** A linked phone through Baileys (WhatsApp Web): no webhooks; the connection runs in worker processes. */
export const whatsappWebChannel: ChannelModule = {
  provider: 'baileys',
  create(config, context) {
    const settings = config.whatsappWeb;
    if (!settings) return null;
    return createWhatsappWebChannel(settings, {
      logger: context.logger,
      redis: context.redis,
      queuePrefix: context.queuePrefix,
      socketFactory: baileysSocketFactory(context.logger),
      ...(context.clock ? { clock: context.clock } : {}),
      async open() {
        const database = createDatabase(config.DATABASE_URL, { max: 2, logger: context.logger });
        const cipher = createPiiCipher(config.piiKeys);
        const inbound = createInboundProducer({
          connection: context.redis,
          prefix: context.queuePrefix,
          partitions: config.INBOUND_PARTITIONS,
          timeoutMs: config.ENQUEUE_TIMEOUT_MS,
          cipher,
        });
        const events = createWebhookEventSink({
          inbound,
          statusUpdates: createStatusUpdateService(database.db),
        });
        return {
          db: database.db,
          cipher,
          events,
          async close() {
            await inbound.close();
            await database.close();
          },
        };
      },
    });
  },
  // Messages arrive over the socket, not by webhook: nothing is served under /webhooks/baileys.
  routes: async (_app: FastifyInstance) => {},
};
