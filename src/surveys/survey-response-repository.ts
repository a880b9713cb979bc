import { and, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { SurveyResponseDraft } from '../conversation/engine/effects.js';
import type { DbExecutor } from '../db/database.js';
import { reports } from '../db/schema/reports.js';
import { type SurveyAnswerValue, surveyResponses } from '../db/schema/survey-responses.js';

/**
 * Stores a survey run's answers so far (one row per contact, survey and start time): a retried job
 * writes the same row again. The respondent's regency is taken from their latest located report, so
 * results can be read by regency without asking the citizen where they live.
 */
export async function saveSurveyResponse(
  db: DbExecutor,
  contactId: string,
  response: SurveyResponseDraft,
  at: Date,
): Promise<void> {
  const [place] = await db
    .select({ province: reports.provinceCode, regency: reports.regencyCode })
    .from(reports)
    .where(and(eq(reports.contactId, contactId), isNotNull(reports.regencyCode)))
    .orderBy(desc(reports.createdAt))
    .limit(1);
  const values = {
    answers: response.answers,
    completedAt: response.completed ? at : null,
    updatedAt: at,
  };
  await db
    .insert(surveyResponses)
    .values({
      surveyId: response.surveyId,
      contactId,
      campaignId: response.campaignId,
      channel: response.channel,
      language: response.language,
      provinceCode: place?.province ?? null,
      regencyCode: place?.regency ?? null,
      startedAt: new Date(response.startedAt),
      ...values,
    })
    .onConflictDoUpdate({
      target: [surveyResponses.surveyId, surveyResponses.contactId, surveyResponses.startedAt],
      // A completed run stays completed, even if a retried job replays an earlier message.
      set: { ...values, completedAt: sql`coalesce(${surveyResponses.completedAt}, excluded.completed_at)` },
    });
}

/** The answers of one survey's responses in these provinces since `since`: no contact, no time, no text. */
export async function answersByProvince(
  db: DbExecutor,
  surveyId: string,
  provinces: readonly string[],
  since: Date,
): Promise<{ provinceCode: string; answers: Record<string, SurveyAnswerValue> }[]> {
  if (provinces.length === 0) return [];
  const rows = await db
    .select({ provinceCode: surveyResponses.provinceCode, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.surveyId, surveyId),
        inArray(surveyResponses.provinceCode, [...provinces]),
        gte(surveyResponses.startedAt, since),
      ),
    );
  return rows.flatMap((r) => (r.provinceCode ? [{ provinceCode: r.provinceCode, answers: r.answers }] : []));
}
