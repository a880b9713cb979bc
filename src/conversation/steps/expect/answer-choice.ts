import type { Expectation } from '../../flow-schema.js';
import { compactText, squeezeText, wordsOf } from '../../normalize-text.js';
import type { Reply, Turn } from '../../turn.js';
import type { AnswerResult } from './answer-result.js';
import { choiceOptions, type VisibleOption } from './choice-options.js';
import { parseOrdinal } from './parse-ordinal.js';

/**
 * Picks an option by number ("2", "dua", "two"), label or synonym. A whole-reply match wins; failing
 * that, a reply whose words name exactly one option ("ya benar", "yg lingkungan") picks it; two
 * options named ("bukan lingkungan tapi pajak") is no answer, and the step asks again.
 */
export function answerChoice(
  expect: Extract<Expectation, { type: 'choice' }>,
  turn: Turn,
  reply: Reply,
): AnswerResult {
  const options = choiceOptions(expect, turn);
  const byNumber = parseOrdinal(reply.text);
  if (byNumber !== null) {
    const option = options.find((o) => o.number === byNumber);
    return option ? { ok: true, value: option.value } : { ok: false };
  }
  const whole = squeezeText(reply.text);
  const exact = options.filter((o) => namesOf(o).includes(whole));
  if (exact.length === 1 && exact[0]) return { ok: true, value: exact[0].value };
  const words = wordsOf(reply.text).map(squeezeText);
  // Short words count only at the start: "ya benar" is yes, but "gimana ya" ends in a filler "ya".
  const named = (n: string) => (n.length > 3 ? words.includes(n) : words[0] === n);
  const partial = options.filter((o) => namesOf(o).some(named));
  if (partial.length === 1 && partial[0]) return { ok: true, value: partial[0].value };
  return { ok: false };
}

function namesOf(option: VisibleOption): string[] {
  return [...option.synonyms, option.label.id, option.label.en]
    .map((s) => squeezeText(s))
    .filter((s) => compactText(s) !== '');
}
