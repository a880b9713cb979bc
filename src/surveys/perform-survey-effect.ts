import type { Effect } from '../conversation/engine/effects.js';
import type { DbExecutor } from '../db/database.js';
import { recordConsentAsked, recordConsentGiven, recordConsentWithdrawn } from './consent-repository.js';
import { saveSurveyResponse } from './survey-response-repository.js';

type SurveyEffect = Extract<
  Effect,
  { type: 'survey_response' | 'consent_asked' | 'consent_given' | 'consent_withdrawn' }
>;

/**
 * Performs the engine's survey and consent effects in the turn's transaction. Returns what the
 * conversation event records: never the citizen's answers or comment, only what happened.
 */
export async function performSurveyEffect(
  db: DbExecutor,
  contactId: string,
  effect: SurveyEffect,
  at: Date,
): Promise<Record<string, unknown>> {
  switch (effect.type) {
    case 'survey_response':
      await saveSurveyResponse(db, contactId, effect.response, at);
      return {
        surveyId: effect.response.surveyId,
        startedAt: effect.response.startedAt,
        campaignId: effect.response.campaignId,
        completed: effect.response.completed,
      };
    case 'consent_asked':
      await recordConsentAsked(db, contactId, effect.wording, at);
      return { wording: effect.wording };
    case 'consent_given':
      // Asked at the end of a report or not, IKUT is how consent is given.
      await recordConsentGiven(db, contactId, effect.wording, 'keyword', at);
      return { wording: effect.wording };
    case 'consent_withdrawn':
      return {
        keyword: effect.keyword,
        changed: await recordConsentWithdrawn(db, contactId, effect.keyword, at),
      };
  }
}
