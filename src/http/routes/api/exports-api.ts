import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportQuerySchema } from '../../../exports/export-filters.js';
import type { ExportService } from '../../../exports/export-service.js';
import { AppError } from '../../app-error.js';
import { partnerOf } from '../../plugins/auth-plugin.js';
import { errorSchema } from './report-schemas.js';

/** The partner export: categorized, pseudonymised reports within the partner's scope, streamed. */
export const exportsApi: FastifyPluginAsyncZod<{ exports: ExportService }> = async (app, { exports }) => {
  app.get(
    '/api/v1/exports/reports',
    {
      config: { partner: true },
      schema: {
        tags: ['exports'],
        summary: 'Reports for a partner (Authorization: Bearer <partner key>), as CSV, XLSX or JSON Lines',
        description:
          'Columns: docs/exports.md. The X-Export-Cursor header is the `since` of the next incremental export. ' +
          'Trailers X-Export-Rows and X-Export-SHA256 (and, in JSON Lines, a final manifest line) let the ' +
          'partner check what arrived.',
        security: [{ partnerKey: [] }],
        querystring: exportQuerySchema,
        response: {
          200: z.unknown().describe('text/csv, application/x-ndjson or an XLSX workbook'),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const opened = await exports.open(partnerOf(request), request.query);
      if (!opened.ok)
        throw new AppError(
          opened.status,
          opened.status === 403 ? 'outside_scope' : 'bad_request',
          opened.message,
        );
      const { cursor, contentType, filename, body, summary } = opened.value;
      return reply
        .type(contentType)
        .header('x-export-cursor', cursor)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .trailer('x-export-rows', async () => String((await summary).rows))
        .trailer('x-export-sha256', async () => (await summary).sha256)
        .send(body);
    },
  );
};
