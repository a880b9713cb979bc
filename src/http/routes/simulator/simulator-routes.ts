import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimulatorService } from '../../../channels/simulator/simulator-service.js';
import { describeIssues } from '../../../validation/describe-issues.js';
import { simulatorPage } from './simulator-page.js';

export interface SimulatorDeps {
  simulator: SimulatorService;
  /** Production: only signed-in secretariat staff and admins may use it (the auth plugin decides). */
  requireStaff: boolean;
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
  const access: FastifyContextConfig = deps.requireStaff ? { access: 'triage' } : {};
  const quiet = { logLevel: 'warn' as const, config: access };
  app.get('/simulator', { config: { ...access, ui: true } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(simulatorPage(request.staff?.csrfToken ?? null)),
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
    let id: string;
    try {
      id = await deps.simulator.send({ from, channel, text, media });
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
    return { messages: await deps.simulator.transcript(parsed.data.from, parsed.data.channel) };
  });
}
