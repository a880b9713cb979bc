import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../auth/staff.js';
import { inboxFiltersSchema } from '../../../triage/inbox-filters.js';
import type { TriageResult } from '../../../triage/report-actor.js';
import type { TriageService } from '../../../triage/triage-service.js';
import { AppError, notFound } from '../../app-error.js';
import { isPlainFormPost } from '../../error-handler.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { toReportDetail } from './report-detail-view.js';
import {
  actionResult,
  assigneeBody,
  categoryBody,
  codeParams,
  duplicateBody,
  errorSchema,
  followUpBody,
  inboxResponseSchema,
  messageBody,
  noteBody,
  placeBody,
  reportDetailSchema,
  revealBody,
  statusBody,
} from './report-schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** The reports API: the inbox, a report, and every workflow action the workspace takes. */
export const reportsApi: FastifyPluginAsyncZod<{ triage: TriageService }> = async (app, { triage }) => {
  app.get(
    '/api/v1/reports',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        summary: "The inbox: reports of the caller's provinces, newest first (keyset pagination)",
        querystring: inboxFiltersSchema,
        response: { 200: inboxResponseSchema, ...errors },
      },
    },
    async (request) => triage.inbox(staffOf(request), request.query),
  );

  app.get(
    '/api/v1/reports/:referenceCode',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        summary: 'One report with its conversation, follow-ups and history',
        params: codeParams,
        response: { 200: reportDetailSchema, ...errors },
      },
    },
    async (request) => {
      const detail = await triage.report(staffOf(request), request.params.referenceCode);
      if (!detail) throw notFound('No such report.');
      return toReportDetail(detail);
    },
  );

  /** A workflow action: JSON for API clients; a plain form post (no script) is redirected back to the page. */
  function action<B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    access: Access,
    run: (
      request: FastifyRequest,
      code: string,
      body: z.infer<B>,
    ) => Promise<TriageResult<Record<string, unknown>>>,
  ) {
    app.post(
      `/api/v1/reports/:referenceCode/${path}`,
      {
        config: { access },
        schema: {
          tags: ['reports'],
          summary,
          params: codeParams,
          body,
          response: { 200: actionResult, ...errors },
        },
      },
      async (request: FastifyRequest<{ Params: z.infer<typeof codeParams> }>, reply: FastifyReply) => {
        const code = request.params.referenceCode;
        // Already validated by the route schema; parsed again only to carry the type into `run`.
        const result = await run(request, code, body.parse(request.body));
        if (!result.ok)
          throw new AppError(result.status, result.status === 404 ? 'not_found' : 'conflict', result.message);
        if (isPlainFormPost(request))
          return reply.redirect(`/triage/reports/${encodeURIComponent(code)}`, 303);
        return { ok: true as const, ...result.value };
      },
    );
  }

  const who = (request: FastifyRequest) => staffOf(request);
  action('status', 'Move the report to another GRM stage', statusBody, 'triage', (r, code, b) =>
    triage.changeStatus(who(r), code, b, r.ip),
  );
  action('category', 'Change the category (source becomes staff)', categoryBody, 'triage', (r, code, b) =>
    triage.changeCategory(who(r), code, b.category, r.ip),
  );
  action('place', 'Correct the place (an official region code)', placeBody, 'triage', (r, code, b) =>
    triage.correctPlace(who(r), code, b.placeCode, r.ip),
  );
  action(
    'duplicate-of',
    'Mark as a duplicate of another report (null to unlink)',
    duplicateBody,
    'triage',
    (r, code, b) => triage.markDuplicate(who(r), code, b.originalCode, r.ip),
  );
  action(
    'assignee',
    'Assign to a secretariat member (null to unassign)',
    assigneeBody,
    'triage',
    (r, code, b) => triage.assign(who(r), code, b.assigneeId, r.ip),
  );
  action('notes', 'Add an internal note', noteBody, 'triage', (r, code, b) =>
    triage.addNote(who(r), code, b.text, r.ip),
  );
  action('follow-ups', 'Record what the forum did', followUpBody, 'triage', (r, code, b) =>
    triage.addFollowUp(who(r), code, b, r.ip),
  );
  action(
    'messages',
    "Send a masked message through the citizen's channel",
    messageBody,
    'triage',
    (r, code, b) => triage.sendMessage(who(r), code, b.text, r.ip),
  );

  app.get(
    '/api/v1/reports/:referenceCode/messages/preview',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['reports'],
        summary: 'A masked reply as the citizen would receive it, with its SMS segment count',
        params: codeParams,
        querystring: z.object({ text: z.string().max(480).default('') }),
        response: {
          200: z.object({
            body: z.string(),
            segments: z.number(),
            units: z.number(),
            perSegment: z.number(),
            encoding: z.string(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const preview = await triage.previewMessage(
        staffOf(request),
        request.params.referenceCode,
        request.query.text,
      );
      if (!preview) throw notFound('No such report.');
      return preview;
    },
  );

  app.post(
    '/api/v1/reports/:referenceCode/reveal',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['reports'],
        summary: "Reveal the citizen's number (admins only, with a written reason; audited)",
        params: codeParams,
        body: revealBody,
        response: { 200: z.object({ number: z.string(), channel: z.string() }), ...errors },
      },
    },
    async (request) => {
      const result = await triage.reveal(
        staffOf(request),
        request.params.referenceCode,
        request.body.reason,
        request.ip,
      );
      if (!result.ok) throw new AppError(result.status, 'conflict', result.message);
      return result.value;
    },
  );
};
