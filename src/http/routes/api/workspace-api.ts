import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditBrowser } from '../../../audit/audit-browser.js';
import { UI_LANGUAGES } from '../../../auth/roles.js';
import type { UserAdminService } from '../../../auth/user-admin-service.js';
import type { TriageService } from '../../../triage/triage-service.js';
import { isPlainFormPost } from '../../error-handler.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { errorSchema } from './report-schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

/** Around the reports: the gazetteer search, who can be assigned, the caller's language, the audit log. */
export const workspaceApi: FastifyPluginAsyncZod<{
  triage: TriageService;
  userAdmin: UserAdminService;
  audit: AuditBrowser;
}> = async (app, { triage, userAdmin, audit }) => {
  app.get(
    '/api/v1/places',
    {
      config: { access: 'read' },
      schema: {
        tags: ['workspace'],
        summary: "Search the official regions by name (within the caller's provinces)",
        querystring: z.object({ q: z.string().max(100).default('') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ code: z.string(), level: z.string(), name: z.string(), label: z.string() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({
      items: triage.searchPlaces(staffOf(request), request.query.q).map((place) => ({
        code: place.code,
        level: place.level,
        name: place.name,
        label: place.label,
      })),
    }),
  );

  app.get(
    '/api/v1/staff',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['workspace'],
        summary: 'Staff who can be assigned reports of a province',
        querystring: z.object({
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
        }),
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) }),
          ...errors,
        },
      },
    },
    async (request) => ({
      items: (await triage.assignableStaff(request.query.province ?? null)).map(({ id, name, role }) => ({
        id,
        name,
        role,
      })),
    }),
  );

  app.post(
    '/api/v1/me/language',
    {
      config: { access: 'read' },
      schema: {
        tags: ['workspace'],
        summary: "Set the caller's workspace language",
        body: z.object({ language: z.enum(UI_LANGUAGES) }),
        response: { 200: z.object({ ok: z.literal(true), language: z.enum(UI_LANGUAGES) }), ...errors },
      },
    },
    async (request, reply) => {
      await userAdmin.setLanguage(staffOf(request).userId, request.body.language);
      if (isPlainFormPost(request)) {
        const back = String(request.headers.referer ?? '');
        const path = back ? new URL(back, 'http://x').pathname : '/triage';
        return reply.redirect(path.startsWith('/triage') ? path : '/triage', 303);
      }
      return { ok: true as const, language: request.body.language };
    },
  );

  app.get(
    '/api/v1/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['workspace'],
        summary: 'The audit log, newest first (admins)',
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          action: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                at: z.date(),
                actor: z.string(),
                action: z.string(),
                subjectType: z.string().nullable(),
                subjectId: z.string().nullable(),
                after: z.unknown(),
                ip: z.string().nullable(),
              }),
            ),
            nextCursor: z.number().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { items, nextCursor } = await audit.page({
        limit: request.query.limit,
        ...(request.query.before ? { beforeId: request.query.before } : {}),
        ...(request.query.action ? { action: request.query.action } : {}),
      });
      return { items, nextCursor };
    },
  );
};
