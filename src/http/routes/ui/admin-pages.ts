import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditBrowser } from '../../../audit/audit-browser.js';
import { ROLES } from '../../../auth/roles.js';
import type { UserAdminById } from '../../../auth/user-admin-by-id.js';
import { translator } from '../../../ui/i18n.js';
import { auditPage } from '../../../ui/pages/audit-page.js';
import type { UserDraft } from '../../../ui/pages/user-create-form.js';
import { type UsersPageExtras, usersPage } from '../../../ui/pages/users-page.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { requestActor } from '../../request-actor.js';
import { unwrapAdminResult } from '../../unwrap-admin-result.js';

const adminPage = { access: 'admin' as const, ui: true };
const idParams = z.object({ id: z.uuid() });
const AUDIT_PAGE_SIZE = 50;

// A form sends one checkbox value as a string and several as an array.
const createBody = z.object({
  email: z.string().trim().max(320).default(''),
  name: z.string().trim().max(200).default(''),
  role: z.enum(ROLES).default('secretariat'),
  provinces: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (typeof value === 'string' ? [value] : value)),
  otherProvinces: z.string().max(200).default(''),
});

function provincesOf(draft: UserDraft): string[] {
  const typed = draft.otherProvinces.split(/[\s,;]+/).filter((code) => code !== '');
  return [...new Set([...draft.provinces, ...typed])];
}

/**
 * The admin pages: staff accounts and the audit log. Plain HTML forms post here (they work without
 * scripts) and call the same service as `/api/v1/users`. A new set-password link is rendered into the
 * answer once and never put in a URL or redirect.
 */
export const adminPages: FastifyPluginAsyncZod<{ users: UserAdminById; audit: AuditBrowser }> = async (
  app,
  { users, audit },
) => {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extras: UsersPageExtras,
  ) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(usersPage(staffOf(request), await users.list(), extras));

  app.get('/triage/users', { config: adminPage, schema: { hide: true } }, (request, reply) =>
    render(request, reply, 200, {}),
  );

  app.post(
    '/triage/users',
    { config: adminPage, schema: { hide: true, body: createBody } },
    async (request, reply) => {
      const t = translator(staffOf(request).language);
      const draft = request.body;
      const result = await users.create(requestActor(request), {
        email: draft.email,
        name: draft.name,
        role: draft.role,
        provinces: provincesOf(draft),
      });
      if (!result.ok) {
        const error =
          result.status === 409
            ? t('duplicateEmail').replace('{email}', draft.email.toLowerCase())
            : `${t('checkInput')}: ${result.error}`;
        return render(request, reply, result.status, { error, draft });
      }
      const { user, link } = result.value;
      return render(request, reply, 200, { oneTimeLink: { email: user.email, url: link, created: true } });
    },
  );

  app.post(
    '/triage/users/:id/disabled',
    {
      config: adminPage,
      schema: { hide: true, params: idParams, body: z.object({ disabled: z.enum(['true', 'false']) }) },
    },
    async (request, reply) => {
      const result = await users.setDisabled(
        requestActor(request),
        request.params.id,
        request.body.disabled === 'true',
      );
      // The only refusal besides an unknown user (the error page) is disabling oneself.
      if (!result.ok && result.status === 409) {
        const error = translator(staffOf(request).language)('cannotDisableSelf');
        return render(request, reply, 409, { error });
      }
      unwrapAdminResult(result);
      return reply.redirect('/triage/users', 303);
    },
  );

  app.post(
    '/triage/users/:id/password-link',
    { config: adminPage, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { user, link } = unwrapAdminResult(
        await users.passwordLink(requestActor(request), request.params.id),
      );
      return render(request, reply, 200, { oneTimeLink: { email: user.email, url: link, created: false } });
    },
  );

  app.get(
    '/triage/audit',
    {
      config: adminPage,
      schema: {
        hide: true,
        querystring: z.object({
          action: z.string().trim().max(100).default(''),
          before: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (request, reply) => {
      const { action, before } = request.query;
      const page = await audit.page({
        limit: AUDIT_PAGE_SIZE,
        ...(before ? { beforeId: before } : {}),
        ...(action ? { action } : {}),
      });
      return reply
        .type('text/html; charset=utf-8')
        .send(auditPage(staffOf(request), { page, action, before, userEmails: page.userEmails }));
    },
  );
};
