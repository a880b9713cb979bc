/**
 * What the benches' reference servers share: the Twilio webhook as little as it can be (check the
 * signature, hand the parameters on to be queued) and the process around it (listen, print the URL on
 * the first line of standard output, close on SIGTERM).
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import twilio from 'twilio';

const AUTH_TOKEN = process.env.BENCH_AUTH_TOKEN ?? '';
const PUBLIC_URL = process.env.BENCH_PUBLIC_URL ?? '';

/** A Fastify app with `POST /webhooks/twilio`: 403 on a bad signature, else `enqueue`, then empty TwiML. */
export async function twilioReferenceApp(
  enqueue: (params: Record<string, string>) => Promise<unknown>,
): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(formbody);
  app.post('/webhooks/twilio', async (request, reply) => {
    const params = request.body as Record<string, string>;
    const signature = String(request.headers['x-twilio-signature'] ?? '');
    if (!twilio.validateRequest(AUTH_TOKEN, signature, `${PUBLIC_URL}/webhooks/twilio`, params)) {
      return reply.status(403).send();
    }
    await enqueue(params);
    return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
  return app;
}

/** Listens on PORT (or a free port), prints the URL, and on SIGTERM closes the app, then `close`, then exits. */
export async function serveUntilSigterm(app: FastifyInstance, close: () => Promise<unknown>): Promise<void> {
  const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  process.stdout.write(`${url}\n`);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(close)
      .finally(() => process.exit(0));
  });
}
