import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PartnerService } from '../../../exports/partner-service.js';
import { partnerTexts } from '../../../ui/pages/partner-texts.js';
import { type PartnersPageExtras, partnersPage } from '../../../ui/pages/partners-page.js';
import { notFound } from '../../app-error.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { requestActor } from '../../request-actor.js';

const adminPage = { access: 'admin' as const, ui: true };
const idParams = z.object({ id: z.uuid() });
const createBody = z.object({
  name: z.string().trim().max(200).default(''),
  contact: z.string().trim().max(320).default(''),
  provinces: z.string().max(200).default(''),
  categories: z.string().max(200).default(''),
  withText: z.literal('true').optional(),
});
const listOf = (text: string) => [...new Set(text.split(/[\s,;]+/).filter((value) => value !== ''))];

/**
 * The partners admin page: plain HTML forms posting to the same service as `suara partners`. A new key is
 * rendered into the answer once and never put in a URL or redirect.
 */
export const partnerPages: FastifyPluginAsyncZod<{ partners: PartnerService }> = async (
  app,
  { partners },
) => {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extras: PartnersPageExtras,
  ) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(partnersPage(staffOf(request), await partners.overview(), extras));

  const partnerName = async (id: string): Promise<string> => {
    const found = (await partners.list()).find((partner) => partner.id === id);
    if (!found) throw notFound('No such partner.');
    return found.name;
  };

  app.get('/triage/partners', { config: adminPage, schema: { hide: true } }, (request, reply) =>
    render(request, reply, 200, {}),
  );

  app.post(
    '/triage/partners',
    { config: adminPage, schema: { hide: true, body: createBody } },
    async (request, reply) => {
      const body = request.body;
      const result = await partners.create(requestActor(request), {
        name: body.name,
        contact: body.contact || null,
        provinces: listOf(body.provinces),
        categories: listOf(body.categories),
        withText: body.withText === 'true',
      });
      if (!result.ok) {
        const t = partnerTexts(staffOf(request).language);
        const draft = { ...body, withText: body.withText === 'true' };
        return render(request, reply, 400, { error: `${t('checkInput')}: ${result.error}`, draft });
      }
      return render(request, reply, 200, {
        newKey: { partner: result.value.partner.name, key: result.value.key },
      });
    },
  );

  app.post(
    '/triage/partners/:id/keys',
    { config: adminPage, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const name = await partnerName(request.params.id);
      const result = await partners.createKey(requestActor(request), name);
      if (!result.ok) return render(request, reply, 400, { error: result.error });
      return render(request, reply, 200, { newKey: { partner: name, key: result.value.key } });
    },
  );

  app.post(
    '/triage/partners/:id/keys/revoke',
    {
      config: adminPage,
      schema: { hide: true, params: idParams, body: z.object({ prefix: z.string().trim().min(1).max(40) }) },
    },
    async (request, reply) => {
      const name = await partnerName(request.params.id);
      const result = await partners.revokeKeys(requestActor(request), name, request.body.prefix);
      if (!result.ok) return render(request, reply, 409, { error: result.error });
      return reply.redirect('/triage/partners', 303);
    },
  );
};
