import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONNECTION_KINDS } from '../../../channels/whatsapp-web/connection-kind.js';
import { LINK_METHODS, linkAttemptFieldsSchema } from '../../../channels/whatsapp-web/link-attempt-store.js';
import type {
  LinkRefusal,
  LinkStartResult,
  WhatsappWebLinkService,
} from '../../../channels/whatsapp-web/whatsapp-web-link-service.js';
import { AppError } from '../../app-error.js';
import { requestActor } from '../../request-actor.js';
import { errorSchema } from './report-schemas.js';

const PATH = '/api/v1/channels/whatsapp-web';
const admin = { access: 'admin' as const };
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema };

const attemptSchema = linkAttemptFieldsSchema.extend({
  code: z
    .string()
    .nullable()
    .describe(
      'While the phase is `qr`: the text WhatsApp encodes in its current QR code (draw it as a QR code; ' +
        'a new one comes about every 20 s). While `pairing-code`: the code to enter on the phone. ' +
        'Whoever has it can link a phone to the forum’s number: keep it out of logs.',
    ),
  linkedAs: z.string().nullable().describe('The linked number, shortened (+62811…0095)'),
  runner: z.string().describe('The API process running the attempt (`host pid N`)'),
});
const overviewSchema = z.object({
  session: z.string(),
  enabled: z.boolean().describe('WHATSAPP_WEB_ENABLED: without it no worker connects, even once linked'),
  linked: z.boolean(),
  linkedAs: z.string().nullable(),
  connection: z.string().nullable().describe('What the connection holder last reported'),
  connectionKind: z.enum(CONNECTION_KINDS),
  holder: z.string().nullable().describe('The process holding the connection lock (`host pid N`)'),
  attempt: attemptSchema.nullable().describe('The latest linking attempt; a finished one is kept an hour'),
});

const REFUSALS: Record<LinkRefusal, { status: number; message: string }> = {
  busy: { status: 409, message: 'Another linking attempt is running.' },
  held: {
    status: 409,
    message:
      'A Suara process holds the connection ({holder}): unlink the device on the phone or stop the workers, then try again.',
  },
  'already-linked': {
    status: 409,
    message: 'A number is linked already; send "replace": true to link another one.',
  },
  'bad-phone': {
    status: 400,
    message: 'phoneNumber must be the phone’s own number with its country code, e.g. 6281234567890.',
  },
  'not-running': { status: 409, message: 'No linking attempt is running.' },
};

function refused(result: LinkStartResult & { ok: false }): AppError {
  const { status, message } = REFUSALS[result.reason];
  return new AppError(
    status,
    result.reason.replace('-', '_'),
    message.replace('{holder}', result.holder ?? '?'),
  );
}

/**
 * The WhatsApp Web number for API clients (admins): its status, and linking it by QR code or pairing
 * code through the same service as the workspace page /triage/channels/whatsapp-web.
 */
export const whatsappWebApi: FastifyPluginAsyncZod<{ whatsappWebLink: WhatsappWebLinkService }> = async (
  app,
  { whatsappWebLink },
) => {
  // The answer may carry a live QR or pairing code: no cache may keep it.
  const overview = async (reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    return whatsappWebLink.overview();
  };

  app.get(
    PATH,
    {
      config: admin,
      schema: {
        tags: ['channels'],
        summary: 'The WhatsApp Web number: linked or not, its connection, and the linking attempt (admins)',
        response: { 200: overviewSchema, ...errors },
      },
    },
    async (_request, reply) => overview(reply),
  );

  app.post(
    `${PATH}/link`,
    {
      config: admin,
      schema: {
        tags: ['channels'],
        summary: 'Start linking a number by QR code or pairing code; poll GET for the code (admins)',
        description:
          'Runs in this API process while no worker holds the connection, one attempt at a time. ' +
          'It gives up after WHATSAPP_WEB_LINK_TIMEOUT_SECONDS.',
        body: z.object({
          method: z.enum(LINK_METHODS).default('qr'),
          phoneNumber: z
            .string()
            .trim()
            .max(24)
            .optional()
            .describe('For `pairing-code`: the phone’s own number with country code'),
          replace: z.boolean().default(false).describe('Forget the number linked now and link another'),
        }),
        response: { 202: overviewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { method, phoneNumber, replace } = request.body;
      const result = await whatsappWebLink.start(requestActor(request), {
        method,
        ...(phoneNumber ? { phone: phoneNumber } : {}),
        relink: replace,
      });
      if (!result.ok) throw refused(result);
      return reply.status(202).send(await overview(reply));
    },
  );

  app.delete(
    `${PATH}/link`,
    {
      config: admin,
      schema: {
        tags: ['channels'],
        summary: 'Cancel the running linking attempt (admins)',
        response: { 200: overviewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await whatsappWebLink.cancel(requestActor(request));
      if (!result.ok) throw refused(result);
      return overview(reply);
    },
  );
};
