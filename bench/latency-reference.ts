/**
 * The latency bench's baseline, run in its own process: the least a gateway must do to answer a
 * citizen. The webhook checks the Twilio signature and adds a BullMQ job with the MessageSid as job id;
 * a BullMQ worker in the same process takes each job and at once sends one reply through the real
 * `twilio` SDK (to the stand-in at BENCH_TWILIO_API_BASE_URL). The reply ends with the inbound
 * MessageSid in brackets so that the bench can tell which message it answers. Prints its URL on the
 * first line of standard output, then serves until SIGTERM.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import twilio from 'twilio';
import { serveUntilSigterm, twilioReferenceApp } from './reference-server.js';

const AUTH_TOKEN = process.env.BENCH_AUTH_TOKEN ?? '';
const ACCOUNT_SID = process.env.BENCH_ACCOUNT_SID ?? '';
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

const app = await twilioReferenceApp((params) => {
  const sid = params.MessageSid ?? '';
  return queue.add('inbound', { sid, from: params.From ?? '' }, { jobId: sid });
});
await serveUntilSigterm(app, () =>
  worker
    .close()
    .then(() => queue.close())
    .then(() => Promise.all([producer.quit(), consumer.quit()])),
);
