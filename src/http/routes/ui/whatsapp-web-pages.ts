import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LINK_METHODS } from '../../../channels/whatsapp-web/link-attempt-store.js';
import type {
  LinkStartResult,
  WhatsappWebLinkService,
  WhatsappWebOverview,
} from '../../../channels/whatsapp-web/whatsapp-web-link-service.js';
import { renderFragment, type SafeHtml } from '../../../ui/html.js';
import {
  linkRunning,
  WHATSAPP_WEB_PAGE,
  whatsappWebContent,
  whatsappWebPage,
} from '../../../ui/pages/whatsapp-web-page.js';
import { whatsappWebTexts } from '../../../ui/pages/whatsapp-web-texts.js';
import { qrCodeSvg } from '../../../ui/qr-code-svg.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { requestActor } from '../../request-actor.js';

const adminPage = { access: 'admin' as const, ui: true };
const startBody = z.object({
  method: z.enum(LINK_METHODS).default('qr'),
  phone: z.string().trim().max(24).default(''),
  relink: z.literal('true').optional(),
});
const refreshResponse = z.object({ running: z.boolean(), phase: z.string().nullable(), html: z.string() });

/**
 * The admin page for the WhatsApp Web number: its status, and linking it by QR code or pairing code
 * through the same routine as `suara whatsapp-web link`. Forms work without scripts; the page's script
 * polls the JSON answer of `GET …/link` for the next QR code while a link runs.
 */
export const whatsappWebPages: FastifyPluginAsyncZod<{ whatsappWebLink: WhatsappWebLinkService }> = async (
  app,
  { whatsappWebLink },
) => {
  // A link running in this process ends (recorded as cancelled) when the server stops.
  app.addHook('onClose', async () => whatsappWebLink.stop());

  const qrOf = async (request: FastifyRequest, overview: WhatsappWebOverview): Promise<SafeHtml | null> => {
    const { attempt } = overview;
    if (attempt?.phase !== 'qr' || !attempt.code) return null;
    return qrCodeSvg(attempt.code, whatsappWebTexts(staffOf(request).language)('qrLabel'));
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, status: number, error?: string) => {
    const overview = await whatsappWebLink.overview();
    const qr = await qrOf(request, overview);
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(whatsappWebPage(staffOf(request), overview, qr, error));
  };

  const refused = (request: FastifyRequest, result: LinkStartResult & { ok: false }) => {
    const t = whatsappWebTexts(staffOf(request).language);
    return t(`refused_${result.reason}`).replace('{holder}', result.holder ?? '?');
  };

  app.get(WHATSAPP_WEB_PAGE, { config: adminPage, schema: { hide: true } }, (request, reply) =>
    render(request, reply, 200),
  );

  app.get(
    `${WHATSAPP_WEB_PAGE}/link`,
    { config: { access: 'admin' }, schema: { hide: true, response: { 200: refreshResponse } } },
    async (request, reply) => {
      const overview = await whatsappWebLink.overview();
      const qr = await qrOf(request, overview);
      reply.header('cache-control', 'no-store');
      return {
        running: linkRunning(overview),
        phase: overview.attempt?.phase ?? null,
        html: renderFragment(whatsappWebContent(staffOf(request), overview, qr)),
      };
    },
  );

  app.post(
    `${WHATSAPP_WEB_PAGE}/link`,
    { config: adminPage, schema: { hide: true, body: startBody } },
    async (request, reply) => {
      const { method, phone, relink } = request.body;
      const result = await whatsappWebLink.start(requestActor(request), {
        method,
        ...(phone ? { phone } : {}),
        relink: relink === 'true',
      });
      if (!result.ok)
        return render(request, reply, result.reason === 'bad-phone' ? 400 : 409, refused(request, result));
      return reply.redirect(WHATSAPP_WEB_PAGE, 303);
    },
  );

  app.post(
    `${WHATSAPP_WEB_PAGE}/link/cancel`,
    { config: adminPage, schema: { hide: true } },
    async (request, reply) => {
      const result = await whatsappWebLink.cancel(requestActor(request));
      if (!result.ok) return render(request, reply, 409, refused(request, result));
      return reply.redirect(WHATSAPP_WEB_PAGE, 303);
    },
  );
};
