import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelAdapter } from '../../../channels/channel-adapter.js';
import { INBOUND_FORM_LIMIT_BYTES } from '../../../channels/twilio/twilio-payloads.js';
import type { InboundProducer } from '../../../pipeline/inbound-producer.js';
import type { StatusUpdateService } from '../../../pipeline/status-update-service.js';
import { publicUrlOf } from '../../public-url.js';
import { EMPTY_TWIML } from '../../twiml.js';

export interface TwilioWebhookDeps {
  /** Null when Twilio has no credentials configured. */
  adapter: ChannelAdapter | null;
  inbound: InboundProducer;
  statusUpdates: StatusUpdateService;
  publicUrl: string | undefined;
}

const DISABLED = {
  error: 'channel_disabled',
  message: 'The Twilio channel is not configured: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.',
};

export async function twilioWebhooks(app: FastifyInstance, deps: TwilioWebhookDeps): Promise<void> {
  // Twilio always posts forms; anything else is not Twilio and would only reach the signature check.
  app.addHook('preValidation', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return reply
        .status(415)
        .send({ error: 'unsupported_media_type', message: 'Send application/x-www-form-urlencoded.' });
    }
  });
  const verified = (request: FastifyRequest, reply: FastifyReply): ChannelAdapter | null => {
    const adapter = deps.adapter;
    if (!adapter?.verify) {
      void reply.status(503).send(DISABLED);
      return null;
    }
    const check = adapter.verify({
      url: publicUrlOf(request, deps.publicUrl),
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
  app.post('/webhooks/twilio', { ...quiet, bodyLimit: INBOUND_FORM_LIMIT_BYTES }, async (request, reply) => {
    const adapter = verified(request, reply);
    if (!adapter?.parseInbound) return reply;
    const parsed = adapter.parseInbound(request.body, new Date());
    if (!parsed.ok) return reply.status(400).send({ error: 'malformed_body', message: parsed.error });
    try {
      await deps.inbound.enqueue(parsed.value);
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

  app.post('/webhooks/twilio/status', quiet, async (request, reply) => {
    const adapter = verified(request, reply);
    if (!adapter?.parseStatus) return reply;
    const parsed = adapter.parseStatus(request.body);
    if (!parsed.ok) return reply.status(400).send({ error: 'malformed_body', message: parsed.error });
    const outcome = await deps.statusUpdates.apply('twilio', parsed.value);
    request.log.info(
      { sid: parsed.value.providerMessageId, status: parsed.value.status, outcome },
      'status callback',
    );
    return reply.status(204).send();
  });
}
