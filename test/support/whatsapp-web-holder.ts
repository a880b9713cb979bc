/**
 * One process competing for the WhatsApp Web connection, for the single-holder test: the real channel,
 * Redis lock and Postgres auth state, with a stand-in socket. Prints `connected` when it opened a socket
 * and `stopped` after a clean stop (SIGTERM). Environment: DATABASE_URL, REDIS_URL, QUEUE_PREFIX, PII_KEY.
 */
import { Writable } from 'node:stream';
import { createWebhookEventSink } from '../../src/channels/webhook-event-sink.js';
import { createWhatsappWebChannel } from '../../src/channels/whatsapp-web/whatsapp-web-channel.js';
import { createDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createInboundProducer } from '../../src/pipeline/inbound-producer.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { createStatusUpdateService } from '../../src/pipeline/status-update-service.js';
import { createPiiCipher } from '../../src/privacy/pii-cipher.js';
import { FakeWhatsappSocket } from './whatsapp-web-fake-socket.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const queuePrefix = env('QUEUE_PREFIX');
const logger = createLogger({
  level: 'warn',
  production: true,
  destination: new Writable({ write: (chunk, _encoding, done) => done(void process.stderr.write(chunk)) }),
});
const redis = createRedisConnection(env('REDIS_URL'), 'producer');
const database = createDatabase(env('DATABASE_URL'), { max: 2 });
const cipher = createPiiCipher(Buffer.from(env('PII_KEY'), 'hex'));
const inbound = createInboundProducer({
  connection: redis,
  prefix: queuePrefix,
  partitions: 2,
  timeoutMs: 2000,
  cipher,
});

const channel = createWhatsappWebChannel(
  { session: 'default', sendsPerMinute: 12, lockTtlMs: Number(env('LOCK_TTL_MS')) },
  {
    logger,
    redis,
    queuePrefix,
    standbyRetryMs: Number(env('STANDBY_RETRY_MS')),
    socketFactory: async (auth) => {
      const socket = new FakeWhatsappSocket(auth);
      setImmediate(() => {
        socket.emit('connection.update', { connection: 'open' });
        process.stdout.write('connected\n');
      });
      return socket;
    },
    open: async () => ({
      db: database.db,
      cipher,
      events: createWebhookEventSink({ inbound, statusUpdates: createStatusUpdateService(database.db) }),
      close: async () => {},
    }),
  },
);

await channel.start?.();
process.stdout.write('started\n');
process.on('SIGTERM', () => {
  void (async () => {
    await channel.stop?.();
    await inbound.close();
    await database.close();
    redis.disconnect();
    process.stdout.write('stopped\n');
    process.exit(0);
  })();
});
