import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provinceScope } from '../../../auth/staff.js';
import type { SurveyResultsService } from '../../../surveys/survey-results-service.js';
import { isoDateOf, localDay } from '../../../triage/local-day.js';
import { indicatorsPage } from '../../../ui/pages/indicators-page.js';
import { transparencyPage } from '../../../ui/pages/transparency-page.js';
import { AppError } from '../../app-error.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { indicatorQuerySchema } from '../api/indicator-schemas.js';
import type { IndicatorRouteDeps } from '../api/indicators-api.js';

/** The provinces of the programme, offered to admins even before they have reports. */
const PROGRAMME_PROVINCES = ['11', '64', '74'];

/** The indicators dashboard for staff, and the public transparency page. */
export const indicatorPages: FastifyPluginAsyncZod<
  IndicatorRouteDeps & { clock: () => Date; surveyResults: SurveyResultsService }
> = async (app, deps) => {
  const provinceName = (code: string) => deps.places.byCode(code)?.name ?? code;
  const regencyName = (code: string) => deps.places.byCode(code)?.name ?? code;

  app.get(
    '/triage/indicators',
    { config: { access: 'read', ui: true }, schema: { hide: true, querystring: indicatorQuerySchema } },
    async (request, reply) => {
      const staff = staffOf(request);
      const { province, ...rest } = request.query;
      const result = await deps.indicators.report(provinceScope(staff), { ...rest, provinces: province });
      if (!result.ok) throw new AppError(result.status, 'bad_request', result.message);
      const admin = staff.role === 'admin';
      const choices = admin
        ? [...new Set([...PROGRAMME_PROVINCES, ...result.value.provinces.map((p) => p.provinceCode)])].sort(
            (a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)),
          )
        : staff.provinces;
      const html = indicatorsPage(staff, {
        report: result.value,
        asked: province,
        choices,
        today: isoDateOf(localDay(deps.clock(), 'Asia/Jakarta')),
        provinceName,
        regencyName,
        published: admin ? new Set(await deps.transparency.published()) : null,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // Public, no sign-in: aggregates only, small cells suppressed, cacheable by a CDN.
  app.get(
    '/transparansi',
    { schema: { hide: true, querystring: z.object({ lang: z.enum(['id', 'en']).default('id') }) } },
    async (request, reply) => {
      const figures = await deps.transparency.figures();
      const surveys = figures
        ? await deps.surveyResults.publicResults(
            figures.provinces.map((p) => p.provinceCode),
            figures.from,
          )
        : [];
      return reply
        .code(figures ? 200 : 404)
        .header('cache-control', 'public, max-age=300')
        .type('text/html; charset=utf-8')
        .send(transparencyPage(figures, request.query.lang, provinceName, surveys));
    },
  );
};
