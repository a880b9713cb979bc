import type { FastifyInstance, FastifyReply } from 'fastify';
import { captureRawJsonBody, rawBodyOf } from '../../http/plugins/raw-json-body.js';
import type { ChannelRouteOptions } from '../channel-module.js';
import { createReplayGuard } from '../replay-guard.js';

/** A 65,536-character SMS of three-byte characters, JSON-escaped, plus the envelope. */
const BODY_LIMIT_BYTES = 65_536 * 6 + 16 * 1024;

/**
 * POST /webhooks/android-sms: every event the app sends (sms:received, sms:sent / delivered / failed,
 * system:ping), signed per phone. The app retries a failed delivery for about two days, so a refusal
 * that Redis caused (503) costs nothing but time.
 */
export async function androidSmsWebhooks(app: FastifyInstance, options: ChannelRouteOptions): Promise<void> {
  captureRawJsonBody(app);
  const replays = createReplayGuard(options.redis, `${options.queuePrefix}:android-sms:signature`);
  // A timestamp up to the tolerance ahead stays acceptable until twice the tolerance has passed.
  const replayWindowSeconds = 2 * (options.config.androidSms?.toleranceSeconds ?? 300);

  app.addHook('preValidation', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return reply.status(415).send({ error: 'unsupported_media_type', message: 'Send application/json.' });
    }
  });

  app.post('/', { logLevel: 'warn', bodyLimit: BODY_LIMIT_BYTES }, async (request, reply) => {
    const channel = options.channel;
    const adapter = channel?.adapter;
    if (!channel || !adapter?.verify || !adapter.parseEvents) {
      return reply.status(503).send({ error: 'channel_disabled', message: options.disabled });
    }
    const rawBody = rawBodyOf(request);
    const check = adapter.verify({
      url: request.url,
      headers: request.headers,
      body: request.body,
      ...(rawBody ? { rawBody } : {}),
    });
    if (!check.ok) {
      request.log.warn({ reason: check.error }, 'rejected Android SMS webhook');
      return reply
        .status(403)
        .send({ error: check.stale ? 'stale_timestamp' : 'invalid_signature', message: check.error });
    }
    const parsed = adapter.parseEvents(request.body, {
      receivedAt: new Date(),
      ...(check.source ? { source: check.source } : {}),
    });
    if (!parsed.ok) return reply.status(400).send({ error: 'malformed_body', message: parsed.error });

    // The same signed request twice within the time window is a replay; the app's own retries are
    // signed anew. A request refused below (Redis down) is released so that its retry goes through.
    const signature = String(request.headers['x-signature']);
    let claimed: boolean;
    try {
      claimed = await replays.claim(signature, replayWindowSeconds);
    } catch {
      return unavailable(reply);
    }
    if (!claimed) {
      request.log.warn({ device: check.source }, 'rejected replayed Android SMS webhook');
      return reply
        .status(409)
        .send({ error: 'replayed', message: 'This signed request was already received.' });
    }
    channel.webhookReceived?.(check.source);
    try {
      const accepted = await options.events.accept('android-sms', parsed.value);
      request.log.info({ device: check.source, ...accepted }, 'Android SMS webhook accepted');
      return reply.send({ accepted: accepted.messages + accepted.statuses.length });
    } catch (error) {
      await replays.release(signature).catch(() => {});
      request.log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'inbound queue unavailable',
      );
      return unavailable(reply);
    }
  });
}

function unavailable(reply: FastifyReply) {
  return reply
    .status(503)
    .header('retry-after', '10')
    .send({ error: 'queue_unavailable', message: 'Not accepted: the queue is unavailable; retry later.' });
}
