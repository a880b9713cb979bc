import { statusOf } from '../../engine/apply-location.js';
import type { Reply, Turn } from '../../engine/turn.js';
import type { Expectation } from '../../flows/flow-schema.js';
import { compactText, squeezeText, wordsOf } from '../../text/normalize-text.js';
import type { AnswerResult } from './answer-result.js';
import { choiceOptions, type VisibleOption } from './choice-options.js';
import { parseOrdinal } from './parse-ordinal.js';

const PICK_MAX_WORDS = 3;

/**
 * Picks an option by number ("2", "dua", "two"), label or synonym. A whole-reply match wins; failing
 * that, a short reply whose words name exactly one option ("ya benar", "yg lingkungan") picks it; two
 * options named ("bukan lingkungan tapi pajak"), or a longer sentence, is no answer.
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
  // "2 Loa Ipuh, Kukar" answers "what and where?" in one SMS: the number picks, the place is kept. Only
  // a place counts after the number; "3 hari sungai keruh" is a description, not a pick of option 3.
  const leading = /^\s*(\d{1,2})(?![\d.,:/-]?\d)[\s.,:;)=-]+(.*\p{L}.*)$/su.exec(reply.text);
  const numbered = leading ? options.find((o) => o.number === Number(leading[1])) : undefined;
  const rest = leading?.[2]?.trim() ?? '';
  const resolve = turn.ctx.resolveLocationReply ?? turn.ctx.resolveLocation;
  if (numbered && rest !== '' && statusOf(resolve(rest)) !== 'missing')
    return { ok: true, value: numbered.value, freeText: rest };
  const whole = squeezeText(reply.text);
  const exact = options.filter((o) => namesOf(o).includes(whole));
  if (exact.length === 1 && exact[0]) return { ok: true, value: exact[0].value };
  const words = wordsOf(reply.text).map(squeezeText);
  // A longer reply is a description, not a pick: "sungai keruh krn limbah" names the environment
  // option by chance, and is better read whole by the classifier (the step's `on_content`).
  if (words.length > PICK_MAX_WORDS) return { ok: false };
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
