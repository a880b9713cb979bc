/**
 * The latency bench's baseline, run in its own process: the least a gateway must do to answer a
 * citizen. The webhook checks the Twilio signature and adds a BullMQ job with the MessageSid as job id;
 * a BullMQ worker in the same process takes each job and at once sends one reply through the real
 * `twilio` SDK (to the stand-in at BENCH_TWILIO_API_BASE_URL). The reply ends with the inbound
 * MessageSid in brackets so that the bench can tell which message it answers. Prints its URL on the
 * first line of standard output, then serves until SIGTERM.
 */
import formbody from '@fastify/formbody';
import { Queue, Worker } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import twilio from 'twilio';

const AUTH_TOKEN = process.env.BENCH_AUTH_TOKEN ?? '';
const ACCOUNT_SID = process.env.BENCH_ACCOUNT_SID ?? '';
const PUBLIC_URL = process.env.BENCH_PUBLIC_URL ?? '';
const FROM = process.env.BENCH_SMS_FROM ?? '';
const PREFIX = process.env.BENCH_QUEUE_PREFIX ?? 'benchlatencyref';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface ReferenceJob {
  sid: string;
  from: string;
}

const producer = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const consumer = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue<ReferenceJob>('reference', { connection: producer, prefix: PREFIX });
const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { autoRetry: false, timeout: 10_000 });
client.api.baseUrl = process.env.BENCH_TWILIO_API_BASE_URL ?? '';

const worker = new Worker<ReferenceJob>(
  'reference',
  async (job) => {
    await client.messages.create({
      to: job.data.from,
      from: FROM,
      body: `Terima kasih, pesan Anda diterima (${job.data.sid})`,
    });
  },
  {
    connection: consumer,
    prefix: PREFIX,
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
    removeOnComplete: { count: 1000 },
  },
);
worker.on('error', () => {});

const app = Fastify();
await app.register(formbody);
app.post('/webhooks/twilio', async (request, reply) => {
  const params = request.body as Record<string, string>;
  const signature = String(request.headers['x-twilio-signature'] ?? '');
  if (!twilio.validateRequest(AUTH_TOKEN, signature, `${PUBLIC_URL}/webhooks/twilio`, params)) {
    return reply.status(403).send();
  }
  const sid = params.MessageSid ?? '';
  await queue.add('inbound', { sid, from: params.From ?? '' }, { jobId: sid });
  return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${url}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => worker.close())
    .then(() => queue.close())
    .then(() => Promise.all([producer.quit(), consumer.quit()]))
    .finally(() => process.exit(0));
});
