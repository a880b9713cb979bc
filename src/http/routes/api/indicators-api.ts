import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provinceScope } from '../../../auth/staff.js';
import type { PlaceDirectory } from '../../../geo/place-directory.js';
import type { IndicatorService } from '../../../indicators/indicator-service.js';
import { indicatorTables } from '../../../indicators/indicator-tables.js';
import type { TransparencyService } from '../../../indicators/transparency-service.js';
import { writeIndicatorCsv } from '../../../indicators/write-indicator-csv.js';
import { writeIndicatorXlsx } from '../../../indicators/write-indicator-xlsx.js';
import { AppError } from '../../app-error.js';
import { isPlainFormPost } from '../../error-handler.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { indicatorQuerySchema, indicatorReportSchema } from './indicator-schemas.js';
import { errorSchema } from './report-schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

export interface IndicatorRouteDeps {
  indicators: IndicatorService;
  transparency: TransparencyService;
  places: PlaceDirectory;
}

/** The programme's indicators as JSON and as downloadable tables, and the public page's switch. */
export const indicatorsApi: FastifyPluginAsyncZod<IndicatorRouteDeps> = async (app, deps) => {
  const provinceName = (code: string) => deps.places.byCode(code)?.name ?? code;

  app.get(
    '/api/v1/indicators',
    {
      config: { access: 'read' },
      schema: {
        tags: ['indicators'],
        summary: "The programme's indicators for a period, per province in the caller's scope and in total",
        description: 'Definitions: docs/indicators.md. Months are local to each province (WIB/WITA/WIT).',
        querystring: indicatorQuerySchema,
        response: { 200: indicatorReportSchema, ...errors },
      },
    },
    async (request) => {
      const { province, ...rest } = request.query;
      const result = await deps.indicators.report(provinceScope(staffOf(request)), {
        ...rest,
        provinces: province,
      });
      if (!result.ok)
        throw new AppError(
          result.status,
          result.status === 403 ? 'forbidden' : 'bad_request',
          result.message,
        );
      return result.value;
    },
  );

  app.get(
    '/api/v1/indicators/download',
    {
      config: { access: 'read' },
      schema: {
        tags: ['indicators'],
        summary: 'The indicator tables as CSV (UTF-8 with BOM) or XLSX, with the definitions and the period',
        querystring: indicatorQuerySchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
        response: { 200: z.unknown().describe('text/csv or an XLSX workbook'), ...errors },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { province, format, ...rest } = request.query;
      const result = await deps.indicators.report(provinceScope(staff), { ...rest, provinces: province });
      if (!result.ok)
        throw new AppError(
          result.status,
          result.status === 403 ? 'forbidden' : 'bad_request',
          result.message,
        );
      const tables = indicatorTables(result.value, staff.language, provinceName);
      const name = `suara-indicators-${result.value.from}-${result.value.to}`;
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(writeIndicatorCsv(tables));
      const stream = new PassThrough();
      writeIndicatorXlsx(tables, stream).catch((error: unknown) => stream.destroy(error as Error));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(stream);
    },
  );

  app.get(
    '/api/v1/transparency',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['indicators'],
        summary: 'Provinces whose aggregates the public page /transparansi shows (admins)',
        response: { 200: z.object({ provinces: z.array(z.string()) }), ...errors },
      },
    },
    async () => ({ provinces: await deps.transparency.published() }),
  );

  app.post(
    '/api/v1/transparency',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['indicators'],
        summary: "Publish or withdraw a province's aggregates on /transparansi (admins; audited)",
        body: z.object({
          province: z.string().regex(/^\d{2}$/),
          enabled: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
        }),
        response: { 200: z.object({ provinces: z.array(z.string()), changed: z.boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      const { province, enabled } = request.body;
      const changed = await deps.transparency.setPublished(staffOf(request), province, enabled, request.ip);
      if (isPlainFormPost(request)) return reply.redirect('/triage/indicators', 303);
      return { provinces: await deps.transparency.published(), changed };
    },
  );
};
