import type { Reply } from '../../engine/turn.js';
import type { Expectation } from '../../flows/flow-schema.js';
import type { AnswerResult } from './answer-result.js';
import { parseOrdinal } from './parse-ordinal.js';

/** The first number in the reply ("sekitar 20 orang" → 20; "2,5" → 2.5), within the step's bounds. */
export function answerNumber(expect: Extract<Expectation, { type: 'number' }>, reply: Reply): AnswerResult {
  const digits = reply.text.match(/-?\d+(?:[.,]\d+)?/);
  const value = digits ? Number(digits[0].replace(',', '.')) : parseOrdinal(reply.text);
  if (value === null || Number.isNaN(value)) return { ok: false };
  if (expect.integer && !Number.isInteger(value)) return { ok: false };
  if (expect.min !== undefined && value < expect.min) return { ok: false };
  if (expect.max !== undefined && value > expect.max) return { ok: false };
  return { ok: true, value };
}
