import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TwilioConfig } from '../../../config.js';
import type { StoredMediaService } from '../../../media/stored-media-service.js';
import { fetchProviderMedia } from '../../../triage/fetch-provider-media.js';
import type { TriageService } from '../../../triage/triage-service.js';
import { AppError, notFound } from '../../app-error.js';
import { staffOf } from '../../plugins/auth-plugin.js';

/** Shown in the page (photos, voice notes, videos); a PDF is downloaded, never rendered in our origin. */
const INLINE = /^(image|audio|video)\//;

/**
 * A report's attachment for signed-in staff of its province: the stored copy (metadata stripped), each
 * opening audited. The browser is told the exact type and not to guess another (nosniff), and the copy
 * is never cached on shared machines.
 */
export const storedMediaRoute: FastifyPluginAsyncZod<{
  media: StoredMediaService;
  triage: TriageService;
  twilio: TwilioConfig | null;
}> = async (app, { media, triage, twilio }) => {
  app.get(
    '/triage/reports/:referenceCode/media/:index',
    {
      config: { access: 'read', ui: true },
      schema: {
        hide: true,
        params: z.object({
          referenceCode: z.string().min(4).max(20),
          index: z.coerce.number().int().min(0).max(20),
        }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { referenceCode, index } = request.params;
      const opened = await media.open(staff, referenceCode, index, request.ip);
      reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
      if (opened.kind === 'unavailable')
        throw new AppError(opened.status, 'media_unavailable', opened.message);
      if (opened.kind === 'stored') {
        const disposition = INLINE.test(opened.contentType) ? 'inline' : 'attachment';
        return reply
          .type(opened.contentType)
          .header('content-length', opened.sizeBytes)
          .header('content-disposition', `${disposition}; filename="${opened.fileName}"`)
          .send(opened.body);
      }
      // Reports made before media were stored keep the provider's link: fetched with Suara's credentials.
      const detail = await triage.report(staff, referenceCode);
      const link = detail?.report.media[index];
      if (!detail || !link) throw notFound('No such media.');
      const fetched = await fetchProviderMedia(twilio, detail.contact?.provider ?? '', link.url);
      if (!fetched.ok) throw new AppError(fetched.status, 'media_unavailable', fetched.message);
      return reply
        .type(fetched.contentType)
        .header('content-disposition', 'attachment')
        .send(Readable.fromWeb(fetched.body as NodeReadableStream<Uint8Array>));
    },
  );
};
