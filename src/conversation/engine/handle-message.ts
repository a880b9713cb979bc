import type { Language } from '../flows/flow-schema.js';
import type { FlowSet } from '../flows/flow-set.js';
import type { SystemMessageKey } from '../flows/keywords-schema.js';
import { systemText } from '../flows/system-text.js';
import { answerAsk, enterAsk } from '../steps/ask.js';
import { detectLanguage } from '../text/detect-language.js';
import { isSmalltalk } from '../text/is-smalltalk.js';
import { type KeywordMatch, matchKeyword } from '../text/match-keyword.js';
import { compactText } from '../text/normalize-text.js';
import type { Effect } from './effects.js';
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_SEND_LIMITS,
  type EngineContext,
  type EngineResult,
  type InboundInput,
  type OutboundText,
} from './engine-types.js';
import { joinReplies } from './join-replies.js';
import { applyLoopGuard } from './loop-guard.js';
import { offerConsent } from './offer-consent.js';
import { runSteps } from './run-steps.js';
import { type Conversation, newSession, type Session } from './session.js';
import { surveyProgress } from './survey-progress.js';
import type { StepOutcome, Turn } from './turn.js';

// Enough to catch a provider's retry of a recent webhook; the runtime's unique constraint is the real guard.
const SEEN_IDS_KEPT = 20;

/**
 * The conversation engine: one inbound message in, the contact's new session, the texts to send and
 * the effects to perform out. Pure: no I/O and no clock; the same arguments always give the same result.
 *
 * Order of precedence: a repeated provider message id is ignored; an opted-out contact gets nothing
 * but the reply to MULAI/START; a parked contact gets nothing; global keywords beat the running
 * conversation; anything else answers the waiting step or starts the default flow.
 */
export function handleMessage(
  flows: FlowSet,
  session: Session | null,
  input: InboundInput,
  ctx: EngineContext,
): EngineResult {
  const now = ctx.now;
  if (session && input.id !== undefined && session.seenMessageIds.includes(input.id)) {
    return { session, outbound: [], effects: [] };
  }
  const state: Session = session ? structuredClone(session) : newSession(now);
  if (input.id !== undefined)
    state.seenMessageIds = [...state.seenMessageIds, input.id].slice(-SEEN_IDS_KEPT);
  const idleTimeoutMs = ctx.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (state.conversation && now.getTime() - Date.parse(state.updatedAt) > idleTimeoutMs) {
    state.conversation = null;
  }
  state.updatedAt = now.toISOString();

  const keyword = matchKeyword(flows.keywords, input.text);
  const effects: Effect[] = [];
  const outbound: OutboundText[] = [];

  if (input.contact.optedOut) {
    if (keyword?.action !== 'opt_in') return { session: state, outbound: [], effects: [] };
    const language = decideLanguage(state, input, keyword, effects);
    effects.push({ type: 'opt_in' });
    outbound.push({ text: systemText(flows, language, 'opted_in') });
    return finish(state, outbound, effects, ctx, input);
  }
  if (state.parkedUntil && now.getTime() < Date.parse(state.parkedUntil)) {
    // Silence, but an opt-out still counts: the citizen asked us to stop.
    const silent: Effect[] = keyword?.action === 'opt_out' ? [{ type: 'opt_out' }] : [];
    if (keyword?.action === 'opt_out') state.conversation = null;
    return { session: state, outbound: [], effects: silent };
  }
  state.parkedUntil = null;

  const scope: Scope = {
    flows,
    state,
    input,
    ctx,
    language: decideLanguage(state, input, keyword, effects),
    outbound,
    effects,
  };
  const reply = (key: SystemMessageKey) => {
    const text = systemText(flows, scope.language, key);
    if (text !== '') outbound.push({ text });
  };

  switch (keyword?.action) {
    case 'opt_out':
      state.conversation = null;
      effects.push({ type: 'opt_out' });
      reply('opted_out');
      break;
    case 'opt_in':
      effects.push({ type: 'opt_in' });
      reply('opted_in');
      break;
    case 'help':
      reply('help');
      break;
    case 'cancel':
      // After the code (waiting for a category correction) the report is filed: nothing is cancelled.
      reply(state.conversation && !state.conversation.vars.ref ? 'cancelled' : 'nothing_to_cancel');
      state.conversation = null;
      break;
    case 'status':
      if (keyword.code) effects.push({ type: 'status_query', code: keyword.code, language: scope.language });
      else reply('status_usage');
      break;
    case 'language':
      scope.language = keyword.target;
      state.language = keyword.target;
      effects.push({ type: 'set_language', language: keyword.target });
      reply('language_switched');
      repromptInNewLanguage(scope);
      break;
    case 'start_flow':
      startConversation(scope, keyword.flow, keyword.rest);
      break;
    case 'consent': {
      // The reply states the terms; it is what the citizen agreed to, so it is what gets recorded.
      const wording = systemText(flows, scope.language, 'consent_given');
      effects.push({ type: 'consent_given', wording });
      reply('consent_given');
      break;
    }
    case 'consent_withdraw':
      // A survey running now stops too; a complaint in progress goes on.
      if (state.conversation && flows.flows[state.conversation.flowId]?.survey) state.conversation = null;
      effects.push({ type: 'consent_withdrawn', keyword: compactText(input.text) });
      reply('consent_withdrawn');
      break;
    default:
      if (state.conversation) continueConversation(scope);
      else startConversation(scope, flows.keywords.default_flow, input.text);
  }
  offerConsent(flows, scope.language, input.contact.consent, outbound, effects);
  return finish(state, outbound, effects, ctx, input);
}

/** Replies that fit one SMS together go as one (before the loop guard counts them), then the guard. */
function finish(
  state: Session,
  outbound: OutboundText[],
  effects: Effect[],
  ctx: EngineContext,
  input: InboundInput,
): EngineResult {
  const texts = joinReplies(
    outbound.map((o) => o.text),
    input.channel,
  ).map((text) => ({ text }));
  const guarded = applyLoopGuard(state, texts, effects, ctx.now, ctx.limits ?? DEFAULT_SEND_LIMITS);
  return { session: state, ...guarded };
}

/**
 * The contact's remembered language wins; otherwise the first message decides (a keyword's language,
 * else its words). A message that gives no sign ("1", "halo") is answered in Bahasa Indonesia without
 * remembering a guess.
 */
function decideLanguage(
  state: Session,
  input: InboundInput,
  keyword: KeywordMatch | null,
  effects: Effect[],
): Language {
  if (input.contact.language) {
    state.language = input.contact.language;
    return input.contact.language;
  }
  if (state.language) return state.language;
  const detected = keyword?.language ?? detectLanguage(input.text);
  if (!detected) return 'id';
  state.language = detected;
  effects.push({ type: 'set_language', language: detected });
  return detected;
}

/** Everything one inbound message works with; `language` may change when the citizen switches it. */
interface Scope {
  flows: FlowSet;
  state: Session;
  input: InboundInput;
  ctx: EngineContext;
  language: Language;
  outbound: OutboundText[];
  effects: Effect[];
}

function startConversation(scope: Scope, flowId: string, text: string): void {
  const { flows, state, input, ctx } = scope;
  const flow = flows.flows[flowId];
  if (!flow) {
    scope.outbound.push({ text: systemText(flows, scope.language, 'flow_error') });
    state.conversation = null;
    return;
  }
  const first = text.trim();
  const kind =
    compactText(first) === '' ? 'empty' : isSmalltalk(flows.keywords, first) ? 'smalltalk' : 'text';
  const conversation: Conversation = {
    flowId,
    stepId: '',
    vars: {
      first_message: first,
      first_message_kind: kind,
      channel: input.channel,
      media_count: input.media?.length ?? 0,
    },
    retries: 0,
    texts: kind === 'text' ? [first] : [],
    media: [...(input.media ?? [])],
    startedAt: ctx.now.toISOString(),
    // A turn joined from several quick SMS costs the citizen each of them.
    messages: input.parts ?? 1,
  };
  const startId = flow.start ?? flow.steps[0]?.id ?? '';
  const startStep = flow.steps.find((s) => s.id === startId);
  if (flow.survey && kind !== 'empty' && startStep?.type === 'ask') {
    // "NILAI DLH 4": the words after the keyword answer the first question; no SMS spent asking it.
    conversation.stepId = startId;
    conversation.texts = [];
    const turn = makeTurn(scope, conversation);
    advance(scope, turn, answerAsk(startStep, turn, { text: first, media: input.media ?? [] }));
    return;
  }
  run(scope, conversation, { kind: 'goto', stepId: startId });
}

function continueConversation(scope: Scope): void {
  const { flows, state, input } = scope;
  const conversation = state.conversation;
  if (!conversation) return;
  conversation.media.push(...(input.media ?? []));
  conversation.vars.media_count = conversation.media.length;
  conversation.messages += input.parts ?? 1;
  const step = flows.flows[conversation.flowId]?.steps.find((s) => s.id === conversation.stepId);
  if (step?.type !== 'ask') {
    // The flow changed under a waiting conversation (hot reload): start over rather than guess.
    state.conversation = null;
    startConversation(scope, flows.keywords.default_flow, input.text);
    return;
  }
  // One turn for the answer and the steps after it: `turn.resume` must reach the steps.
  const turn = makeTurn(scope, conversation);
  const outcome = answerAsk(step, turn, { text: input.text, media: input.media ?? [] });
  if (outcome.kind === 'restart') {
    state.conversation = null;
    startConversation(scope, flows.keywords.default_flow, input.text);
    return;
  }
  advance(scope, turn, outcome);
}

function repromptInNewLanguage(scope: Scope): void {
  const conversation = scope.state.conversation;
  if (!conversation) return;
  const step = scope.flows.flows[conversation.flowId]?.steps.find((s) => s.id === conversation.stepId);
  if (step?.type === 'ask') enterAsk(step, makeTurn(scope, conversation));
}

function run(scope: Scope, conversation: Conversation, outcome: StepOutcome): void {
  advance(scope, makeTurn(scope, conversation), outcome);
}

/** Runs the steps; in a survey, the answers so far go to the runtime after every message. */
function advance(scope: Scope, turn: Turn, outcome: StepOutcome): void {
  const ended = runSteps(turn, outcome) === 'ended';
  scope.state.conversation = ended ? null : turn.conversation;
  const flow = scope.flows.flows[turn.conversation.flowId];
  const progress = surveyProgress(flow, turn.conversation, turn.channel, turn.language, ended);
  if (progress) scope.effects.push(progress);
}

function makeTurn(scope: Scope, conversation: Conversation): Turn {
  const { flows, ctx, input, language, outbound, effects } = scope;
  return { flows, ctx, channel: input.channel, language, conversation, outbound, effects };
}
