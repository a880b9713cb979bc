import { afterStep, type Reply, type StepOutcome, say, setVar, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';
import { carriesContent } from '../text/carries-content.js';
import { isFreeText } from '../text/is-free-text.js';
import { answerChoice } from './expect/answer-choice.js';
import { answerLocation } from './expect/answer-location.js';
import { answerMedia } from './expect/answer-media.js';
import { answerNumber } from './expect/answer-number.js';
import { answerRating } from './expect/answer-rating.js';
import type { AnswerResult } from './expect/answer-result.js';
import { answerText } from './expect/answer-text.js';
import { answerYesNo } from './expect/answer-yesno.js';
import { choiceOptions, renderOptions } from './expect/choice-options.js';
import { isNoReply } from './expect/is-no-reply.js';

type AskStep = StepOf<'ask'>;

/**
 * Sends the prompt and waits. A media step on SMS is passed over: a feature phone cannot send a photo.
 * Come back to after a reply that was no answer, a step whose retries are used up takes `on_fail`.
 */
export function enterAsk(step: AskStep, turn: Turn): StepOutcome {
  if (step.expect.type === 'media' && turn.channel === 'sms') return afterStep(turn, step);
  if (turn.conversation.retries > step.retries) return afterStep(turn, step, step.on_fail);
  say(turn, promptFor(step, turn), promptVars(step, turn));
  return { kind: 'wait' };
}

/**
 * Judges the citizen's reply. An invalid reply is answered with the step's `invalid` text (or the
 * prompt again) up to `retries` times; after that the conversation takes `on_fail`, so nobody is
 * stuck repeating themselves at their own cost. Whatever the citizen wrote in their own words is kept
 * for the report, answer or not; a non-answer that carries content goes to `on_content`.
 */
export function answerAsk(step: AskStep, turn: Turn, reply: Reply): StepOutcome {
  const result = judge(step, turn, reply);
  if (result.ok) {
    if (step.save_as) setVar(turn, step.save_as, result.value);
    if (result.freeText) turn.conversation.texts.push(result.freeText);
    return afterStep(turn, step);
  }
  if (step.on_no && isNoReply(turn.flows.keywords, reply.text)) return afterStep(turn, step, step.on_no);
  if (step.optional) return { kind: 'restart' };
  const text = reply.text.trim();
  if (isFreeText(turn.flows.keywords, text)) turn.conversation.texts.push(text);
  turn.conversation.retries += 1;
  if (step.on_content && !result.reprompt && carriesContent(turn, text)) {
    turn.resume = { stepId: step.id, retries: turn.conversation.retries };
    return afterStep(turn, step, step.on_content);
  }
  if (turn.conversation.retries > step.retries) return afterStep(turn, step, step.on_fail);
  const vars = promptVars(step, turn);
  if (result.reprompt) say(turn, result.reprompt.text, { ...vars, ...result.reprompt.vars });
  else say(turn, step.invalid ?? promptFor(step, turn), vars);
  return { kind: 'wait' };
}

function judge(step: AskStep, turn: Turn, reply: Reply): AnswerResult {
  const expect = step.expect;
  switch (expect.type) {
    case 'choice':
      return answerChoice(expect, turn, reply);
    case 'text':
      return answerText(expect, turn, reply);
    case 'number':
      return answerNumber(expect, reply);
    case 'rating':
      return answerRating(expect, reply);
    case 'yesno':
      return answerYesNo(turn, reply);
    case 'location':
      return answerLocation(expect, turn, reply);
    case 'media':
      return answerMedia(turn, reply);
  }
}

/** A location step entered with part of the place known asks only for what is missing. */
function promptFor(step: AskStep, turn: Turn) {
  if (step.expect.type !== 'location') return step.prompt;
  const status = turn.conversation.vars.location_status;
  if (status === 'partial') return step.expect.partial_prompt;
  if (status === 'ambiguous') return step.expect.ambiguous_prompt;
  return step.prompt;
}

function promptVars(step: AskStep, turn: Turn): Record<string, string> {
  if (step.expect.type !== 'choice') return {};
  return { options: renderOptions(choiceOptions(step.expect, turn), turn) };
}
