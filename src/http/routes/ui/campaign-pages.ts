import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Staff } from '../../../auth/staff.js';
import type { PlaceDirectory } from '../../../geo/place-directory.js';
import { localMidnight } from '../../../surveys/allowed-hours.js';
import type { CampaignInput, CampaignService } from '../../../surveys/campaign-service.js';
import type { CommentReportService } from '../../../surveys/comment-report-service.js';
import type { SurveyResultsService } from '../../../surveys/survey-results-service.js';
import { provinceTimeZone } from '../../../triage/province-time-zone.js';
import { campaignPage } from '../../../ui/pages/campaign-page.js';
import {
  type CampaignDraft,
  type CampaignsPageInput,
  campaignsPage,
} from '../../../ui/pages/campaigns-page.js';
import { surveyResultsPage } from '../../../ui/pages/survey-results-page.js';
import { surveyTexts } from '../../../ui/pages/survey-texts.js';
import { AppError, notFound } from '../../app-error.js';
import { staffOf } from '../../plugins/auth-plugin.js';

const readPage = { access: 'read' as const, ui: true };
const triagePage = { access: 'triage' as const, ui: true };
/** The provinces of the programme, offered to admins. */
const PROGRAMME_PROVINCES = ['11', '64', '74'];
const idParams = z.object({ id: z.uuid() });
const surveyParams = z.object({ surveyId: z.string().min(1).max(60) });
const optionalDate = z.union([z.literal(''), z.iso.date()]).default('');
const draftBody = z.object({
  name: z.string().trim().max(120).default(''),
  surveyId: z.string().max(60).default(''),
  provinceCode: z.string().max(2).default(''),
  regencies: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (typeof value === 'string' ? [value] : value)),
  category: z.enum(['', 'licensing', 'environmental', 'revenue', 'other']).default(''),
  from: optionalDate,
  to: optionalDate,
  startAt: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)]).default(''),
});

export interface CampaignPagesDeps {
  campaigns: CampaignService;
  surveyResults: SurveyResultsService;
  commentReports: CommentReportService;
  places: PlaceDirectory;
}

/** A typed form as the service's input: local times of the province become instants. */
function toInput(draft: CampaignDraft): CampaignInput {
  const timeZone = provinceTimeZone(draft.provinceCode);
  let startAt: Date | undefined;
  if (draft.startAt) {
    const [date = '', time = '00:00'] = draft.startAt.split('T');
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    startAt = new Date(localMidnight(date, timeZone).getTime() + (hours * 60 + minutes) * 60_000);
  }
  return {
    name: draft.name,
    surveyId: draft.surveyId,
    provinceCode: draft.provinceCode,
    audience: {
      // A regency belongs to its province's code: ticks left in another province's list are ignored.
      regencies: draft.regencies.filter((code) => code.startsWith(`${draft.provinceCode}.`)),
      category: draft.category || null,
      from: draft.from || null,
      to: draft.to || null,
    },
    ...(startAt ? { startAt } : {}),
  };
}

/** The workspace's campaign and survey-results pages: plain forms over the campaign and results services. */
export const campaignPages: FastifyPluginAsyncZod<CampaignPagesDeps> = async (app, deps) => {
  const placeName = (code: string) => deps.places.byCode(code)?.name ?? code;
  // Regency codes are PP.01–PP.99 (cities from .71): the directory names those that exist.
  const regenciesOf = (province: string) =>
    Array.from({ length: 99 }, (_, i) => deps.places.byCode(`${province}.${String(i + 1).padStart(2, '0')}`))
      .flatMap((place) =>
        place && place.level === 'regency' ? [{ code: place.code, name: place.name }] : [],
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  const provincesOf = (staff: Staff) =>
    (staff.role === 'admin' ? PROGRAMME_PROVINCES : staff.provinces).map((code) => ({
      code,
      name: placeName(code),
      regencies: regenciesOf(code),
    }));

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extras: Pick<CampaignsPageInput, 'draft' | 'preview' | 'error'>,
  ) => {
    const staff = staffOf(request);
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        campaignsPage(staff, {
          campaigns: await deps.campaigns.overview(staff),
          surveys: deps.campaigns.surveys(),
          provinces: provincesOf(staff),
          provinceName: placeName,
          ...extras,
        }),
      );
  };

  app.get('/triage/campaigns', { config: readPage, schema: { hide: true } }, (request, reply) =>
    renderList(request, reply, 200, {}),
  );

  app.post(
    '/triage/campaigns/preview',
    { config: triagePage, schema: { hide: true, body: draftBody } },
    async (request, reply) => {
      const draft = request.body;
      const result = await deps.campaigns.preview(staffOf(request), toInput(draft));
      if (!result.ok) {
        const st = surveyTexts(staffOf(request).language);
        return renderList(request, reply, result.status, {
          draft,
          error: `${st('checkInput')}: ${result.message}`,
        });
      }
      return renderList(request, reply, 200, { draft, preview: result.value });
    },
  );

  app.post(
    '/triage/campaigns',
    { config: triagePage, schema: { hide: true, body: draftBody } },
    async (request, reply) => {
      const draft = request.body;
      const result = await deps.campaigns.create(staffOf(request), toInput(draft));
      if (!result.ok) {
        const st = surveyTexts(staffOf(request).language);
        return renderList(request, reply, result.status, {
          draft,
          error: `${st('checkInput')}: ${result.message}`,
        });
      }
      return reply.redirect(`/triage/campaigns/${result.value.campaign.id}`, 303);
    },
  );

  app.get(
    '/triage/campaigns/:id',
    { config: readPage, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const staff = staffOf(request);
      const result = await deps.campaigns.get(staff, request.params.id);
      if (!result.ok) throw notFound(result.message);
      const labels = deps.surveyResults.labels(result.value.campaign.surveyId, staff.language);
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          campaignPage(staff, result.value, {
            surveyTitle: labels?.title ?? result.value.campaign.surveyId,
            provinceName: placeName,
          }),
        );
    },
  );

  app.post(
    '/triage/campaigns/:id/:action',
    {
      config: triagePage,
      schema: { hide: true, params: idParams.extend({ action: z.enum(['pause', 'resume', 'cancel']) }) },
    },
    async (request, reply) => {
      const result = await deps.campaigns.change(staffOf(request), request.params.id, request.params.action);
      if (!result.ok)
        throw new AppError(result.status, result.status === 404 ? 'not_found' : 'conflict', result.message);
      return reply.redirect(`/triage/campaigns/${request.params.id}`, 303);
    },
  );

  app.get(
    '/triage/surveys/:surveyId/results',
    {
      config: readPage,
      schema: {
        hide: true,
        params: surveyParams,
        querystring: z.object({ campaign: z.union([z.literal(''), z.uuid()]).default('') }),
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { surveyId } = request.params;
      const labels = deps.surveyResults.labels(surveyId, staff.language);
      if (!labels) throw notFound('No such survey.');
      const query = { surveyId, ...(request.query.campaign ? { campaignId: request.query.campaign } : {}) };
      const [summary, comments, campaigns] = await Promise.all([
        deps.surveyResults.summary(staff, query),
        deps.surveyResults.comments(staff, query),
        deps.campaigns.list(staff),
      ]);
      if (!summary.ok) throw notFound(summary.message);
      if (!comments.ok) throw notFound(comments.message);
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          surveyResultsPage(staff, {
            surveyId,
            summary: summary.value,
            comments: comments.value,
            campaigns: campaigns
              .filter((c) => c.surveyId === surveyId)
              .map((c) => ({ id: c.id, name: c.name })),
            campaignId: request.query.campaign || null,
            regencyName: placeName,
            labels,
          }),
        );
    },
  );

  app.post(
    '/triage/surveys/:surveyId/comments/:responseId/report',
    {
      config: triagePage,
      schema: {
        hide: true,
        params: surveyParams.extend({ responseId: z.uuid() }),
        body: z.object({ question: z.string().min(1).max(60) }),
      },
    },
    async (request, reply) => {
      const result = await deps.commentReports.toReport(staffOf(request), {
        surveyId: request.params.surveyId,
        responseId: request.params.responseId,
        question: request.body.question,
      });
      if (!result.ok)
        throw new AppError(result.status, result.status === 404 ? 'not_found' : 'conflict', result.message);
      return reply.redirect(`/triage/reports/${result.value.referenceCode}`, 303);
    },
  );
};
