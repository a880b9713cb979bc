/**
 * The ingest bench's reference server, run in its own process: it does only what a webhook must.
 * Twilio: check the signature, add a BullMQ job with the MessageSid as job id. Android SMS gateway: check
 * the HMAC over the raw body and timestamp, add a job with the event id as job id. Prints its URL on the
 * first line of standard output, then serves until SIGTERM.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { androidSmsSignatureMatches } from '../src/channels/android-sms/android-sms-signature.js';
import { serveUntilSigterm, twilioReferenceApp } from './reference-server.js';

const SIGNING_KEY = process.env.BENCH_SIGNING_KEY ?? '';
const PREFIX = process.env.BENCH_QUEUE_PREFIX ?? 'benchref';

const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const queue = new Queue('reference', { connection, prefix: PREFIX });

const app = await twilioReferenceApp((params) => queue.add('inbound', params, { jobId: params.MessageSid }));
await app.register(async (scope) => {
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  scope.post('/webhooks/android-sms', async (request, reply) => {
    const raw = request.body as Buffer;
    const timestamp = String(request.headers['x-timestamp'] ?? '');
    const signature = String(request.headers['x-signature'] ?? '');
    if (!androidSmsSignatureMatches(SIGNING_KEY, raw, timestamp, signature)) return reply.status(403).send();
    const event = JSON.parse(raw.toString('utf8')) as { id: string };
    await queue.add('inbound', event, { jobId: event.id });
    return { accepted: 1 };
  });
});

await serveUntilSigterm(app, () => queue.close().then(() => connection.quit()));
