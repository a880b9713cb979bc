import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, UI_LANGUAGES } from '../../../auth/roles.js';
import type { UserAdminById } from '../../../auth/user-admin-by-id.js';
import { requestActor } from '../../request-actor.js';
import { unwrapAdminResult as unwrap } from '../../unwrap-admin-result.js';
import { errorSchema } from './report-schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const admin = { access: 'admin' as const };

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  provinces: z.array(z.string()),
  language: z.enum(UI_LANGUAGES),
  totpEnabled: z.boolean(),
  passwordSet: z.boolean(),
  disabled: z.boolean(),
});
const idParams = z.object({ id: z.uuid() });
const withLink = z.object({
  user: userSchema,
  link: z.string().describe('The one-time set-password link; shown once, never stored in clear'),
});

/** Staff accounts, for admins: list, create, disable or enable, and a fresh set-password link. */
export const usersApi: FastifyPluginAsyncZod<{ users: UserAdminById }> = async (app, { users }) => {
  app.get(
    '/api/v1/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Every staff account, by e-mail (admins)',
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
      },
    },
    async () => ({ items: await users.list() }),
  );

  app.post(
    '/api/v1/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Create a staff account; answers its one-time set-password link (admins)',
        body: z.object({
          email: z.string().trim().min(3).max(320),
          name: z.string().trim().min(1).max(200),
          role: z.enum(ROLES),
          provinces: z.array(z.string().trim().max(10)).max(40).default([]),
        }),
        response: { 201: withLink, ...errors },
      },
    },
    async (request, reply) => {
      const created = unwrap(await users.create(requestActor(request), request.body));
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/users/:id/disabled',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: "Disable (ending the user's sessions and tokens) or enable an account (admins)",
        params: idParams,
        body: z.object({ disabled: z.boolean() }),
        response: { 200: z.object({ user: userSchema }), ...errors },
      },
    },
    async (request) => ({
      user: unwrap(await users.setDisabled(requestActor(request), request.params.id, request.body.disabled)),
    }),
  );

  app.post(
    '/api/v1/users/:id/password-link',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'A new one-time set-password link for an account (admins)',
        params: idParams,
        response: { 200: withLink, ...errors },
      },
    },
    async (request) => unwrap(await users.passwordLink(requestActor(request), request.params.id)),
  );
};
