import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SIMULATOR_ADDRESS_PREFIX } from '../../../channels/simulator/simulator-adapter.js';
import type { Db } from '../../../db/database.js';
import { contacts } from '../../../db/schema/contacts.js';
import { messages } from '../../../db/schema/messages.js';
import type { InboundProducer } from '../../../pipeline/inbound-producer.js';
import type { PiiCipher } from '../../../privacy/pii-cipher.js';
import { countSegments } from '../../../sms/count-segments.js';
import { describeIssues } from '../../../validation/describe-issues.js';
import { SIMULATOR_PAGE } from './simulator-page.js';

export interface SimulatorDeps {
  db: Db;
  inbound: InboundProducer;
  cipher: PiiCipher;
}

const numberSchema = z
  .string()
  .regex(/^\+?[0-9]{6,15}$/, { error: 'must be a phone number such as +6281234567890' });
const channelSchema = z.enum(['sms', 'whatsapp']);
const sendSchema = z.object({
  from: numberSchema,
  channel: channelSchema,
  text: z.string().max(1600),
  media: z
    .array(z.object({ url: z.url(), contentType: z.string().max(100) }))
    .max(3)
    .default([]),
});
const listSchema = z.object({ from: numberSchema, channel: channelSchema });

/** The web simulator: a channel like any other, through the same queue, engine and database as real traffic. */
export async function simulatorRoutes(app: FastifyInstance, deps: SimulatorDeps): Promise<void> {
  // The page polls every second with the typed number in the query: no access log lines for it.
  const quiet = { logLevel: 'warn' as const };
  app.get('/simulator', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(SIMULATOR_PAGE),
  );

  app.post('/simulator/messages', quiet, async (request, reply) => {
    // JSON only: a form post from another site could otherwise drive a local instance.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return reply.status(415).send({ error: 'unsupported_media_type', message: 'Send application/json.' });
    }
    const parsed = sendSchema.safeParse(request.body);
    if (!parsed.success)
      return reply.status(400).send({ error: 'bad_request', message: describeIssues(parsed.error, ': ') });
    const { from, channel, text, media } = parsed.data;
    const id = randomUUID();
    try {
      await deps.inbound.enqueue({
        provider: 'simulator',
        channel,
        providerMessageId: id,
        from: `${SIMULATOR_ADDRESS_PREFIX}${from}`,
        to: 'suara',
        body: text,
        media: channel === 'whatsapp' ? media.map((m) => ({ url: m.url, contentType: m.contentType })) : [],
        receivedAt: new Date().toISOString(),
      });
    } catch {
      return reply
        .status(503)
        .send({ error: 'queue_unavailable', message: 'The queue is unavailable; try again.' });
    }
    return reply.status(202).send({ id });
  });

  app.get('/simulator/messages', quiet, async (request, reply) => {
    const parsed = listSchema.safeParse(request.query);
    if (!parsed.success)
      return reply.status(400).send({ error: 'bad_request', message: describeIssues(parsed.error, ': ') });
    const hash = deps.cipher.hash(`${SIMULATOR_ADDRESS_PREFIX}${parsed.data.from}`);
    const rows = await deps.db
      .select({
        direction: messages.direction,
        body: messages.body,
        status: messages.status,
        media: messages.media,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .innerJoin(contacts, eq(messages.contactId, contacts.id))
      .where(and(eq(contacts.channel, parsed.data.channel), eq(contacts.addressHash, hash)))
      .orderBy(asc(messages.createdAt));
    return {
      messages: rows.map((row) => ({
        ...row,
        segments: row.direction === 'outbound' ? countSegments(row.body).segments : null,
      })),
    };
  });
}
