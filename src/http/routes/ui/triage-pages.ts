import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inboxFiltersSchema } from '../../../triage/inbox-filters.js';
import type { TriageService } from '../../../triage/triage-service.js';
import { inboxPage } from '../../../ui/pages/inbox-page.js';
import { reportPage } from '../../../ui/pages/report-page.js';
import { AppError, notFound } from '../../app-error.js';
import { staffOf } from '../../plugins/auth-plugin.js';

const page = { access: 'read' as const, ui: true };
const codeParams = z.object({ referenceCode: z.string().min(4).max(20) });

/** The workspace pages: server-rendered HTML over the same services as the API. */
export const triagePages: FastifyPluginAsyncZod<{
  triage: TriageService;
}> = async (app, { triage }) => {
  app.get(
    '/triage',
    { config: page, schema: { hide: true, querystring: inboxFiltersSchema } },
    async (request, reply) => {
      const staff = staffOf(request);
      const inbox = await triage.inbox(staff, request.query);
      return reply.type('text/html; charset=utf-8').send(inboxPage(staff, request.query, inbox));
    },
  );

  app.get(
    '/triage/reports/:referenceCode',
    {
      config: page,
      schema: {
        hide: true,
        params: codeParams,
        querystring: z.object({ placeQuery: z.string().max(100).default('') }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const detail = await triage.report(staff, request.params.referenceCode);
      if (!detail) throw notFound('No such report in your provinces.');
      const placeQuery = request.query.placeQuery.trim();
      const html = reportPage(staff, detail, {
        placeQuery,
        placeResults: placeQuery ? triage.searchPlaces(staff, placeQuery) : [],
        assignable: staff.role === 'viewer' ? [] : await triage.assignableStaff(detail.report.provinceCode),
        revealed: null,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // The report's attachments: stored-media-route.ts.

  // The reveal answers with the page itself, the number shown once and never put in a URL.
  app.post(
    '/triage/reports/:referenceCode/reveal',
    {
      config: { access: 'admin', ui: true },
      schema: {
        hide: true,
        params: codeParams,
        body: z.object({ reason: z.string().trim().min(10).max(1000) }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const code = request.params.referenceCode;
      const result = await triage.reveal(staff, code, request.body.reason, request.ip);
      if (!result.ok) throw new AppError(result.status, 'conflict', result.message);
      const detail = await triage.report(staff, code);
      if (!detail) throw notFound();
      const html = reportPage(staff, detail, {
        placeQuery: '',
        placeResults: [],
        assignable: await triage.assignableStaff(detail.report.provinceCode),
        revealed: result.value.number,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
