import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { UiLanguage } from '../auth/roles.js';
import { provinceScope, type Staff } from '../auth/staff.js';
import type { Flow } from '../conversation/flows/flow-schema.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import { csvLine } from '../csv-field.js';
import type { Db } from '../db/database.js';
import { campaigns } from '../db/schema/campaigns.js';
import { type SurveyAnswerValue, surveyResponses } from '../db/schema/survey-responses.js';
import { localMidnight } from './allowed-hours.js';
import { type PublicSurvey, publicSurveyResults } from './public-survey-results.js';
import { type SurveySummary, summarizeResponses } from './summarize-responses.js';
import { type SurveyLabels, surveyLabels } from './survey-labels.js';

export interface ResultsQuery {
  surveyId: string;
  campaignId?: string;
}

export type ResultsOutcome<T> = { ok: true; value: T } | { ok: false; status: 404; message: string };

/** The download's rows: one per response, no contact identifier and no free text. */
export interface ResultsTable {
  header: string[];
  rows: (string | number | null)[][];
}

/** A free-text answer as staff read it (never downloaded): which response and question it came from. */
export interface SurveyComment {
  responseId: string;
  question: string;
  text: string;
  channel: string;
  regencyCode: string | null;
  startedAt: Date;
}

export interface SurveyResultsService {
  summary(staff: Staff, query: ResultsQuery): Promise<ResultsOutcome<SurveySummary>>;
  table(staff: Staff, query: ResultsQuery): Promise<ResultsOutcome<ResultsTable>>;
  /** One line per response, no contact identifier and no free text (comments are read in the workspace). */
  csv(staff: Staff, query: ResultsQuery): Promise<ResultsOutcome<string>>;
  /** The free-text answers, newest first, with the response they belong to (staff only). */
  comments(staff: Staff, query: ResultsQuery): Promise<ResultsOutcome<SurveyComment[]>>;
  /** The survey's title, questions and answer labels in a workspace language; null for no such survey. */
  labels(surveyId: string, language: UiLanguage): SurveyLabels | null;
  /** Aggregates for the public transparency page: published provinces only, small cells suppressed. */
  publicResults(provinces: readonly string[], fromDate: string): Promise<PublicSurvey[]>;
}

/**
 * Results of a survey, or of one campaign's invitations, within the caller's provinces: a response
 * counts in the province where its respondent reported (keyword responses without a known place are
 * seen by admins only).
 */
export function createSurveyResultsService(deps: { db: Db; flows: () => FlowSet }): SurveyResultsService {
  async function load(staff: Staff, query: ResultsQuery) {
    const flow = deps.flows().flows[query.surveyId];
    if (!flow?.survey) return null;
    const scope = provinceScope(staff);
    const conditions: SQL[] = [eq(surveyResponses.surveyId, query.surveyId)];
    if (query.campaignId) {
      const [campaign] = await deps.db.select().from(campaigns).where(eq(campaigns.id, query.campaignId));
      if (!campaign || campaign.surveyId !== query.surveyId) return null;
      if (scope !== null && !scope.includes(campaign.provinceCode)) return null;
      conditions.push(eq(surveyResponses.campaignId, query.campaignId));
    } else if (scope !== null) {
      const inScope = inArray(surveyResponses.provinceCode, scope.length ? [...scope] : ['']);
      const campaignIds = deps.db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(inArray(campaigns.provinceCode, scope.length ? [...scope] : ['']));
      const own = or(
        inScope,
        and(isNull(surveyResponses.provinceCode), inArray(surveyResponses.campaignId, campaignIds)),
      );
      if (own) conditions.push(own);
    }
    const rows = await deps.db
      .select({
        id: surveyResponses.id,
        answers: surveyResponses.answers,
        channel: surveyResponses.channel,
        language: surveyResponses.language,
        provinceCode: surveyResponses.provinceCode,
        regencyCode: surveyResponses.regencyCode,
        campaignId: surveyResponses.campaignId,
        startedAt: surveyResponses.startedAt,
        completedAt: surveyResponses.completedAt,
      })
      .from(surveyResponses)
      .where(and(...conditions))
      .orderBy(surveyResponses.startedAt);
    return { flow, rows };
  }

  const missing = { ok: false, status: 404, message: 'No such survey or campaign in your scope.' } as const;

  return {
    async summary(staff, query) {
      const loaded = await load(staff, query);
      if (!loaded) return missing;
      return {
        ok: true,
        value: summarizeResponses(
          loaded.flow,
          loaded.rows.map((r) => ({ ...r, completed: r.completedAt !== null })),
        ),
      };
    },
    publicResults(provinces, fromDate) {
      // The public page's period starts on a local date; WIB's midnight, the latest of the three zones.
      return publicSurveyResults(deps, provinces, localMidnight(fromDate, 'Asia/Jakarta'));
    },
    labels(surveyId, language) {
      const flow = deps.flows().flows[surveyId];
      return flow?.survey ? surveyLabels(flow, language) : null;
    },
    async table(staff, query) {
      const loaded = await load(staff, query);
      if (!loaded) return missing;
      return { ok: true, value: tableOf(loaded.flow, query.surveyId, loaded.rows) };
    },
    async csv(staff, query) {
      const loaded = await load(staff, query);
      if (!loaded) return missing;
      const table = tableOf(loaded.flow, query.surveyId, loaded.rows);
      const lines = [csvLine(table.header), ...table.rows.map((row) => csvLine(row))];
      return { ok: true, value: `\uFEFF${lines.join('')}` };
    },
    async comments(staff, query) {
      const loaded = await load(staff, query);
      if (!loaded) return missing;
      const names = loaded.flow.steps.flatMap((s) =>
        s.type === 'ask' && s.save_as && s.expect.type === 'text' ? [s.save_as] : [],
      );
      const comments = loaded.rows.flatMap((r) =>
        names.flatMap((name) => {
          const value = r.answers[name];
          return typeof value === 'string' && value.trim() !== ''
            ? [
                {
                  responseId: r.id,
                  question: name,
                  text: value,
                  channel: r.channel,
                  regencyCode: r.regencyCode,
                  startedAt: r.startedAt,
                },
              ]
            : [];
        }),
      );
      return { ok: true, value: comments.reverse() };
    },
  };
}

interface TableRow {
  answers: Record<string, SurveyAnswerValue>;
  channel: string;
  language: string;
  provinceCode: string | null;
  regencyCode: string | null;
  campaignId: string | null;
  startedAt: Date;
  completedAt: Date | null;
}

function tableOf(flow: Flow, surveyId: string, rows: readonly TableRow[]): ResultsTable {
  const names = flow.steps.flatMap((s) =>
    s.type === 'ask' && s.save_as && s.expect.type !== 'text' ? [s.save_as] : [],
  );
  return {
    header: [
      'survey',
      'campaign',
      'channel',
      'language',
      'province',
      'regency',
      'started_on',
      'completed',
      ...names,
    ],
    rows: rows.map((r) => [
      surveyId,
      r.campaignId,
      r.channel,
      r.language,
      r.provinceCode,
      r.regencyCode,
      // The day only: an exact time could single out a respondent next to the message logs.
      r.startedAt.toISOString().slice(0, 10),
      r.completedAt ? 'yes' : 'no',
      ...names.map((name) => {
        const value = r.answers[name];
        return value === undefined || value === null
          ? null
          : typeof value === 'number'
            ? value
            : String(value);
      }),
    ]),
  };
}
