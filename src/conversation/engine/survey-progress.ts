import type { Flow, Language } from '../flows/flow-schema.js';
import type { Effect, SurveyAnswer } from './effects.js';
import type { Channel } from './engine-types.js';
import type { Conversation } from './session.js';

/** The conversation variable that carries the inviting campaign's id (set by `inviteToSurvey`). */
export const CAMPAIGN_VAR = 'campaign_id';

/**
 * The answers of a survey conversation after this message, or null when the conversation is no survey.
 * Answers are the survey's `save_as` variables that hold a value.
 */
export function surveyProgress(
  flow: Flow | undefined,
  conversation: Conversation,
  channel: Channel,
  language: Language,
  completed: boolean,
): Effect | null {
  if (!flow?.survey) return null;
  const answers: Record<string, SurveyAnswer> = {};
  for (const step of flow.steps) {
    if (step.type !== 'ask' || !step.save_as) continue;
    const value = conversation.vars[step.save_as];
    if (value === undefined || value === null || Array.isArray(value)) continue;
    answers[step.save_as] = value;
  }
  const campaign = conversation.vars[CAMPAIGN_VAR];
  return {
    type: 'survey_response',
    response: {
      surveyId: flow.id,
      startedAt: conversation.startedAt,
      channel,
      language,
      campaignId: typeof campaign === 'string' ? campaign : null,
      answers,
      completed,
    },
  };
}
