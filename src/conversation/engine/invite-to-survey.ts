import type { Language } from '../flows/flow-schema.js';
import type { FlowSet } from '../flows/flow-set.js';
import { renderTemplate } from '../flows/render-template.js';
import type { Channel, OutboundText } from './engine-types.js';
import { type Conversation, newSession, type Session } from './session.js';
import { CAMPAIGN_VAR } from './survey-progress.js';

export interface InviteOptions {
  surveyId: string;
  campaignId: string;
  channel: Channel;
  language: Language;
  now: Date;
  idleTimeoutMs: number;
}

export type InviteResult =
  | { ok: true; session: Session; outbound: OutboundText[] }
  /** `busy`: the contact is in the middle of a conversation (a complaint, say), which must not be cut off. */
  | { ok: false; reason: 'busy' | 'unknown_survey' };

/**
 * A campaign's invitation, as the engine would send it: the survey's invitation text (which asks the
 * first question) and a session waiting on the survey's start step, so the citizen answers with one SMS.
 * Pure, like the engine: the runtime stores the session and the text in one transaction.
 */
export function inviteToSurvey(
  flows: FlowSet,
  session: Session | null,
  options: InviteOptions,
): InviteResult {
  const flow = flows.flows[options.surveyId];
  const start = flow?.steps.find((s) => s.id === (flow.start ?? flow.steps[0]?.id));
  if (!flow?.survey || start?.type !== 'ask') return { ok: false, reason: 'unknown_survey' };
  const now = options.now;
  const running =
    session?.conversation && now.getTime() - Date.parse(session.updatedAt) <= options.idleTimeoutMs;
  if (running) return { ok: false, reason: 'busy' };
  const state: Session = session ? structuredClone(session) : newSession(now);
  const conversation: Conversation = {
    flowId: flow.id,
    stepId: start.id,
    vars: {
      first_message: '',
      first_message_kind: 'empty',
      channel: options.channel,
      media_count: 0,
      [CAMPAIGN_VAR]: options.campaignId,
    },
    retries: 0,
    texts: [],
    media: [],
    startedAt: now.toISOString(),
    messages: 0,
  };
  state.conversation = conversation;
  state.language = state.language ?? options.language;
  // The idle limit counts from the invitation, so the citizen has a day to answer.
  state.updatedAt = now.toISOString();
  const text = renderTemplate(flow.survey.invitation[options.language], () => undefined);
  return { ok: true, session: state, outbound: [{ text }] };
}
