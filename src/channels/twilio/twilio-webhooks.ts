import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicUrlOf } from '../../http/public-url.js';
import { EMPTY_TWIML } from '../../http/twiml.js';
import type { ChannelAdapter } from '../channel-adapter.js';
import type { ChannelRouteOptions } from '../channel-module.js';
import { INBOUND_FORM_LIMIT_BYTES } from './twilio-payloads.js';

/** POST /webhooks/twilio (inbound messages) and /webhooks/twilio/status (delivery statuses). */
export async function twilioWebhooks(app: FastifyInstance, options: ChannelRouteOptions): Promise<void> {
  // The message names the variables to set.
  const disabled = { error: 'channel_disabled', message: options.disabled };
  // Twilio always posts forms; anything else is not Twilio and would only reach the signature check.
  app.addHook('preValidation', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return reply
        .status(415)
        .send({ error: 'unsupported_media_type', message: 'Send application/x-www-form-urlencoded.' });
    }
  });
  const verified = (request: FastifyRequest, reply: FastifyReply): ChannelAdapter | null => {
    const adapter = options.channel?.adapter;
    if (!adapter?.verify) {
      void reply.status(503).send(disabled);
      return null;
    }
    const check = adapter.verify({
      url: publicUrlOf(request, options.publicUrl),
      headers: request.headers,
      body: request.body,
    });
    if (!check.ok) {
      request.log.warn({ reason: check.error }, 'rejected unsigned or forged Twilio request');
      void reply.status(403).send({ error: 'invalid_signature', message: check.error });
      return null;
    }
    return adapter;
  };

  // High-volume routes: no per-request access log lines (the worker logs each message it handles);
  // rejections and failures are still logged as warnings and errors.
  const quiet = { logLevel: 'warn' as const };

  // The longest accepted Body does not fit the app-wide body limit once form-encoded.
  app.post('/', { ...quiet, bodyLimit: INBOUND_FORM_LIMIT_BYTES }, async (request, reply) => {
    const adapter = verified(request, reply);
    if (!adapter?.parseInbound) return reply;
    const parsed = adapter.parseInbound(request.body, new Date());
    if (!parsed.ok) return reply.status(400).send({ error: 'malformed_body', message: parsed.error });
    try {
      await options.events.accept('twilio', [{ kind: 'message', message: parsed.value }]);
    } catch (error) {
      // Twilio retries only on connection failures and otherwise uses the fallback URL: say so plainly.
      request.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'inbound queue unavailable',
      );
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: 'queue_unavailable', message: 'Message not accepted: the queue is unavailable.' });
    }
    request.log.info(
      { channel: parsed.value.channel, sid: parsed.value.providerMessageId },
      'inbound accepted',
    );
    return reply.type('text/xml').send(EMPTY_TWIML);
  });

  app.post('/status', quiet, async (request, reply) => {
    const adapter = verified(request, reply);
    if (!adapter?.parseStatus) return reply;
    const parsed = adapter.parseStatus(request.body);
    if (!parsed.ok) return reply.status(400).send({ error: 'malformed_body', message: parsed.error });
    const [outcome] = (await options.events.accept('twilio', [{ kind: 'status', update: parsed.value }]))
      .statuses;
    request.log.info(
      { sid: parsed.value.providerMessageId, status: parsed.value.status, outcome },
      'status callback',
    );
    return reply.status(204).send();
  });
}
