import type { Reply, Turn } from '../../engine/turn.js';
import type { Expectation } from '../../flows/flow-schema.js';
import { isSkipReply } from '../../text/is-skip-reply.js';
import { isSmalltalk } from '../../text/is-smalltalk.js';
import { compactText } from '../../text/normalize-text.js';
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
