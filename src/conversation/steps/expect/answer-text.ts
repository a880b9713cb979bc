import type { Expectation } from '../../flow-schema.js';
import { isSkipReply } from '../../is-skip-reply.js';
import { isSmalltalk } from '../../is-smalltalk.js';
import { compactText } from '../../normalize-text.js';
import type { Reply, Turn } from '../../turn.js';
import type { AnswerResult } from './answer-result.js';

/** Free text: the citizen's own words, kept for the report. */
export function answerText(
  expect: Extract<Expectation, { type: 'text' }>,
  turn: Turn,
  reply: Reply,
): AnswerResult {
  const text = reply.text.trim();
  if (expect.skippable && isSkipReply(turn.flows.keywords, text)) return { ok: true, value: null };
  if (compactText(text).length < expect.min_length) return { ok: false };
  if (expect.reject_smalltalk && isSmalltalk(turn.flows.keywords, text)) return { ok: false };
  return { ok: true, value: text, freeText: text };
}
