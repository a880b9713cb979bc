import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Open311Query, Open311Reader, Open311ServiceApi } from '../../open311/open311-service.js';
import { partnerOf } from '../plugins/auth-plugin.js';

export type Open311Access = 'off' | 'public' | 'partner';

/** GeoReport v2 errors are a list of { code, description }. */
const errorList = z.array(z.object({ code: z.number().int(), description: z.string() }));

const requestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string(),
  service_notice: z.null(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.null(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.null(),
  lat: z.number().optional(),
  long: z.number().optional(),
  media_url: z.null(),
});

const serviceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.literal(false),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** Query parameters as GeoReport v2 names them; `jurisdiction_id` is accepted and ignored (one jurisdiction). */
const requestsQuery = z.object({
  jurisdiction_id: z.string().max(200).optional(),
  service_request_id: z.string().max(20_000).optional().describe('Reference codes, comma-separated'),
  service_code: z.string().max(500).optional().describe('Categories, comma-separated'),
  start_date: z.string().max(40).optional().describe('W3C date-time; default: 90 days before end_date'),
  end_date: z.string().max(40).optional().describe('W3C date-time; default: now'),
  status: z.string().max(40).optional().describe('open, closed, or both comma-separated'),
});

function readQuery(
  query: z.infer<typeof requestsQuery>,
): { ok: true; value: Open311Query } | { ok: false; message: string } {
  const date = (name: 'start_date' | 'end_date') => {
    const raw = query[name];
    if (raw === undefined) return null;
    // W3C date-time: a date, optionally with a time and an offset.
    const valid = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(raw);
    const parsed = valid ? new Date(raw) : null;
    return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  };
  const start = date('start_date');
  const end = date('end_date');
  if (start === undefined || end === undefined)
    return {
      ok: false,
      message: 'start_date and end_date must be W3C date-times, e.g. 2026-11-01T00:00:00+08:00.',
    };
  const statuses = list(query.status);
  const badStatus = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (badStatus.length)
    return { ok: false, message: `status must be open or closed, not ${badStatus.join(', ')}.` };
  return {
    ok: true,
    value: {
      serviceRequestIds: list(query.service_request_id).slice(0, 1000),
      serviceCodes: list(query.service_code),
      statuses: statuses as ('open' | 'closed')[],
      start,
      end,
    },
  };
}

const fail = (reply: FastifyReply, status: 400 | 404, description: string) =>
  reply.code(status).send([{ code: status, description }]);

/**
 * Open311 GeoReport v2, read-only: the categories as services, validated reports as service requests.
 * `partner`: a partner key is required and the partner's scope applies; `public`: anyone may read the
 * provinces an admin published on the transparency page, without citizens' words or places finer than
 * the regency.
 */
export const open311Routes: FastifyPluginAsyncZod<{
  open311: Open311ServiceApi;
  access: Open311Access;
}> = async (app, { open311, access }) => {
  if (access === 'off') return;
  const partner = access === 'partner';
  const config = { partner };
  const security = partner ? [{ partnerKey: [] }] : [];
  const reader = (request: Parameters<typeof partnerOf>[0]): Open311Reader =>
    partner ? { kind: 'partner', caller: partnerOf(request) } : { kind: 'public' };

  app.get(
    '/open311/v2/services.json',
    {
      config,
      schema: {
        tags: ['open311'],
        summary: 'Open311 GeoReport v2: the complaint categories as services',
        security,
        querystring: z.object({ jurisdiction_id: z.string().max(200).optional() }),
        response: { 200: z.array(serviceSchema) },
      },
    },
    async () => open311.services(),
  );

  app.get(
    '/open311/v2/requests.json',
    {
      config,
      schema: {
        tags: ['open311'],
        summary: 'Open311 GeoReport v2: validated reports as service requests (newest first, at most 1,000)',
        security,
        querystring: requestsQuery,
        response: { 200: z.array(requestSchema), 400: errorList },
      },
    },
    async (request, reply) => {
      const query = readQuery(request.query);
      if (!query.ok) return fail(reply, 400, query.message);
      const result = await open311.requests(reader(request), query.value);
      if (!result.ok) return fail(reply, result.status, result.message);
      return result.value;
    },
  );

  app.get(
    '/open311/v2/requests/:id.json',
    {
      config,
      schema: {
        tags: ['open311'],
        summary: 'Open311 GeoReport v2: one service request by its reference code',
        security,
        params: z.object({ id: z.string().min(1).max(32) }),
        querystring: z.object({ jurisdiction_id: z.string().max(200).optional() }),
        response: { 200: z.array(requestSchema), 400: errorList, 404: errorList },
      },
    },
    async (request, reply) => {
      const result = await open311.requests(reader(request), {
        serviceRequestIds: [request.params.id],
        serviceCodes: [],
        statuses: [],
        start: null,
        end: null,
      });
      if (!result.ok) return fail(reply, result.status, result.message);
      if (result.value.length === 0) return fail(reply, 404, `No service request ${request.params.id}.`);
      return result.value;
    },
  );
};
