import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportQuerySchema } from '../../../exports/export-filters.js';
import type { ExportService } from '../../../exports/export-service.js';
import type { SurveyExportService } from '../../../exports/survey-export-service.js';
import { AppError } from '../../app-error.js';
import { partnerOf } from '../../plugins/auth-plugin.js';
import { errorSchema } from './report-schemas.js';

/** The partner export: categorized, pseudonymised reports within the partner's scope, streamed. */
export const exportsApi: FastifyPluginAsyncZod<{
  exports: ExportService;
  surveyExports: SurveyExportService;
}> = async (app, { exports, surveyExports }) => {
  app.get(
    '/api/v1/exports/reports',
    {
      config: { partner: true },
      schema: {
        tags: ['exports'],
        summary:
          'Reports for a partner (Authorization: Bearer <partner key>), as CSV, XLSX, JSON Lines or GeoJSON',
        description:
          'Columns: docs/exports.md. The X-Export-Cursor header is the `since` of the next incremental export. ' +
          'Trailers X-Export-Rows and X-Export-SHA256 (and, in JSON Lines, a final manifest line) let the ' +
          'partner check what arrived.',
        security: [{ partnerKey: [] }],
        querystring: exportQuerySchema,
        response: {
          200: z
            .unknown()
            .describe('text/csv, application/x-ndjson, application/geo+json or an XLSX workbook'),
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

  const suppressed = z.object({
    cells: z.array(z.array(z.number().nullable())),
    rowTotals: z.array(z.number().nullable()),
    columnTotals: z.array(z.number().nullable()),
    total: z.number().nullable(),
  });
  app.get(
    '/api/v1/exports/surveys',
    {
      config: { partner: true },
      schema: {
        tags: ['exports'],
        summary: 'Scorecard results for a partner: ratings per province, small cells suppressed',
        description:
          "Per survey with a rating question: counts per province (rows, the partner's provinces) and rating " +
          '(columns) since `from`; counts under 5 are null, and so are the cells that would give them away. ' +
          'Means only from 5 ratings. No response, comment or contact ever leaves. See docs/surveys.md.',
        security: [{ partnerKey: [] }],
        querystring: z.object({
          from: z.iso.date().default('2000-01-01').describe('First day (WIB), YYYY-MM-DD'),
        }),
        response: {
          200: z.object({
            from: z.string(),
            generatedAt: z.string(),
            surveys: z.array(
              z.object({
                surveyId: z.string(),
                title: z.object({ id: z.string(), en: z.string() }),
                values: z.array(z.string()),
                provinceCodes: z.array(z.string()),
                table: suppressed,
                means: z.array(z.number().nullable()),
              }),
            ),
          }),
          400: errorSchema,
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request) => surveyExports.aggregates(partnerOf(request), request.query.from),
  );
};
