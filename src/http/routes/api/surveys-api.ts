import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type {
  CampaignInput,
  CampaignProgress,
  CampaignRow,
  CampaignService,
} from '../../../surveys/campaign-service.js';
import type { CommentReportService } from '../../../surveys/comment-report-service.js';
import type { SurveyResultsService } from '../../../surveys/survey-results-service.js';
import { writeSurveyXlsx } from '../../../surveys/write-survey-xlsx.js';
import { AppError } from '../../app-error.js';
import { staffOf } from '../../plugins/auth-plugin.js';
import { errorSchema } from './report-schemas.js';
import { campaignInputSchema, campaignViewSchema, previewSchema, summarySchema } from './survey-schemas.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const idParams = z.object({ id: z.uuid() });

export interface SurveysApiDeps {
  campaigns: CampaignService;
  surveyResults: SurveyResultsService;
  commentReports: CommentReportService;
}

/** Scorecard campaigns (secretariat and admins of the province) and survey results, as JSON and CSV. */
export const surveysApi: FastifyPluginAsyncZod<SurveysApiDeps> = async (app, deps) => {
  const fail = (result: { status: number; message: string }): never => {
    throw new AppError(
      result.status,
      result.status === 404
        ? 'not_found'
        : result.status === 409
          ? 'conflict'
          : result.status === 403
            ? 'forbidden'
            : 'bad_request',
      result.message,
    );
  };
  const toInput = (body: z.infer<typeof campaignInputSchema>): CampaignInput => ({
    ...body,
    startAt: body.startAt ? new Date(body.startAt) : undefined,
  });

  app.get(
    '/api/v1/surveys',
    {
      config: { access: 'read' },
      schema: {
        tags: ['surveys'],
        summary: 'The surveys in flows/surveys that campaigns can send',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), title: z.object({ id: z.string(), en: z.string() }) })),
          }),
          ...errors,
        },
      },
    },
    async () => ({ items: deps.campaigns.surveys() }),
  );

  app.post(
    '/api/v1/campaigns/preview',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['surveys'],
        summary: 'How many consenting contacts, SMS and what cost a campaign would have, before sending',
        body: campaignInputSchema,
        response: { 200: previewSchema, ...errors },
      },
    },
    async (request) => {
      const result = await deps.campaigns.preview(staffOf(request), toInput(request.body));
      return result.ok ? result.value : fail(result);
    },
  );

  app.post(
    '/api/v1/campaigns',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['surveys'],
        summary: 'Create and schedule a campaign (sent within the allowed hours of the province; audited)',
        body: campaignInputSchema,
        response: { 201: campaignViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await deps.campaigns.create(staffOf(request), toInput(request.body));
      if (!result.ok) return fail(result);
      return reply.code(201).send(toView(result.value.campaign, result.value.progress));
    },
  );

  app.get(
    '/api/v1/campaigns',
    {
      config: { access: 'read' },
      schema: {
        tags: ['surveys'],
        summary: "Campaigns of the caller's provinces",
        response: { 200: z.object({ items: z.array(campaignViewSchema) }), ...errors },
      },
    },
    async (request) => ({ items: (await deps.campaigns.list(staffOf(request))).map((c) => toView(c)) }),
  );

  app.get(
    '/api/v1/campaigns/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['surveys'],
        summary: 'A campaign with its sending progress',
        params: idParams,
        response: { 200: campaignViewSchema, ...errors },
      },
    },
    async (request) => {
      const result = await deps.campaigns.get(staffOf(request), request.params.id);
      return result.ok ? toView(result.value.campaign, result.value.progress) : fail(result);
    },
  );

  app.post(
    '/api/v1/campaigns/:id/:action',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['surveys'],
        summary: 'Pause, resume or cancel a campaign (cancel stops every invitation not yet sent; audited)',
        params: idParams.extend({ action: z.enum(['pause', 'resume', 'cancel']) }),
        response: { 200: campaignViewSchema, ...errors },
      },
    },
    async (request) => {
      const result = await deps.campaigns.change(staffOf(request), request.params.id, request.params.action);
      return result.ok ? toView(result.value.campaign, result.value.progress) : fail(result);
    },
  );

  app.get(
    '/api/v1/surveys/:surveyId/results',
    {
      config: { access: 'read' },
      schema: {
        tags: ['surveys'],
        summary:
          'Results of a survey, or of one campaign: responses, completion, distributions, mean rating with a 95% interval, by regency and channel; comments are staff-only. CSV and XLSX: one row per response, no contact identifier, no free text',
        params: z.object({ surveyId: z.string().max(60) }),
        querystring: z.object({
          campaign: z.uuid().optional(),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
        response: {
          200: summarySchema.or(z.string()).or(z.unknown().describe('an XLSX workbook')),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const query = {
        surveyId: request.params.surveyId,
        ...(request.query.campaign ? { campaignId: request.query.campaign } : {}),
      };
      const staff = staffOf(request);
      if (request.query.format === 'csv') {
        const csv = await deps.surveyResults.csv(staff, query);
        if (!csv.ok) return fail(csv);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="suara-survey-${query.surveyId}.csv"`)
          .send(csv.value);
      }
      if (request.query.format === 'xlsx') {
        const table = await deps.surveyResults.table(staff, query);
        if (!table.ok) return fail(table);
        const stream = new PassThrough();
        writeSurveyXlsx(query.surveyId, table.value, stream).catch((error: unknown) =>
          stream.destroy(error as Error),
        );
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="suara-survey-${query.surveyId}.xlsx"`)
          .send(stream);
      }
      const result = await deps.surveyResults.summary(staff, query);
      return result.ok ? result.value : fail(result);
    },
  );

  app.post(
    '/api/v1/surveys/:surveyId/comments/:responseId/report',
    {
      config: { access: 'triage' },
      schema: {
        tags: ['surveys'],
        summary:
          "Turn a survey comment into a report: the comment as the citizen's words, the same contact, classified; audited. Twice gives the same report",
        params: z.object({ surveyId: z.string().max(60), responseId: z.uuid() }),
        body: z.object({ question: z.string().min(1).max(60) }),
        response: { 200: z.object({ referenceCode: z.string(), created: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const result = await deps.commentReports.toReport(staffOf(request), {
        surveyId: request.params.surveyId,
        responseId: request.params.responseId,
        question: request.body.question,
      });
      return result.ok ? result.value : fail(result);
    },
  );
};

function toView(campaign: CampaignRow, progress?: CampaignProgress) {
  return {
    id: campaign.id,
    name: campaign.name,
    surveyId: campaign.surveyId,
    provinceCode: campaign.provinceCode,
    status: campaign.status,
    startAt: campaign.startAt.toISOString(),
    createdAt: campaign.createdAt.toISOString(),
    estimate: campaign.estimate,
    audience: campaign.audience,
    ...(progress ? { progress } : {}),
  };
}
