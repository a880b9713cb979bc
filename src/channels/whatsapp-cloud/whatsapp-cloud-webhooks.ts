import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { captureRawJsonBody, rawBodyOf } from '../../http/plugins/raw-json-body.js';
import type { ChannelRouteOptions } from '../channel-module.js';

/** Meta batches up to 1,000 events; text bodies up to 4,096 characters each. */
const BODY_LIMIT_BYTES = 3 * 1024 * 1024;

const handshakeSchema = z.looseObject({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().max(256).optional(),
});

/**
 * GET /webhooks/whatsapp-cloud: Meta's verification handshake when the webhook is configured.
 * POST: batched messages and statuses, signed over the raw body. Meta retries a failed delivery with
 * backoff for up to seven days, so 503 (Redis down) only delays.
 */
export async function whatsappCloudWebhooks(
  app: FastifyInstance,
  options: ChannelRouteOptions,
): Promise<void> {
  captureRawJsonBody(app);
  const disabled = { error: 'channel_disabled', message: options.disabled };

  app.get('/', { logLevel: 'warn', schema: { querystring: handshakeSchema } }, async (request, reply) => {
    const settings = options.config.whatsappCloud;
    if (!settings) return reply.status(503).send(disabled);
    const query = handshakeSchema.parse(request.query);
    const token = query['hub.verify_token'] ?? '';
    if (query['hub.mode'] !== 'subscribe' || !sameText(token, settings.verifyToken)) {
      request.log.warn('refused WhatsApp Cloud API verification: wrong mode or verify token');
      return reply.status(403).send({ error: 'forbidden', message: 'hub.verify_token does not match.' });
    }
    return reply.type('text/plain').send(query['hub.challenge'] ?? '');
  });

  app.post('/', { logLevel: 'warn', bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    const adapter = options.channel?.adapter;
    if (!adapter?.verify || !adapter.parseEvents) return reply.status(503).send(disabled);
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return reply.status(415).send({ error: 'unsupported_media_type', message: 'Send application/json.' });
    }
    const rawBody = rawBodyOf(request);
    const check = adapter.verify({
      url: request.url,
      headers: request.headers,
      body: request.body,
      ...(rawBody ? { rawBody } : {}),
    });
    if (!check.ok) {
      request.log.warn({ reason: check.error }, 'rejected WhatsApp Cloud API webhook');
      return reply.status(403).send({ error: 'invalid_signature', message: check.error });
    }
    const parsed = adapter.parseEvents(request.body, { receivedAt: new Date() });
    if (!parsed.ok) return reply.status(400).send({ error: 'malformed_body', message: parsed.error });
    try {
      const accepted = await options.events.accept('whatsapp-cloud', parsed.value);
      request.log.info(accepted, 'WhatsApp Cloud API webhook accepted');
      return reply.send({ accepted: accepted.messages + accepted.statuses.length });
    } catch (error) {
      request.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'inbound queue unavailable',
      );
      return reply.status(503).header('retry-after', '10').send({
        error: 'queue_unavailable',
        message: 'Not accepted: the queue is unavailable; retry later.',
      });
    }
  });
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
