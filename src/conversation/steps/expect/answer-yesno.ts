import type { Reply, Turn } from '../../engine/turn.js';
import { squeezeText, wordsOf } from '../../text/normalize-text.js';
import type { AnswerResult } from './answer-result.js';

/** Yes/no from the shared word lists in keywords.yaml; "1" is yes and "2" no, as numbered prompts say. */
export function answerYesNo(turn: Turn, reply: Reply): AnswerResult {
  const { yes_words, no_words } = turn.flows.keywords;
  const yes = new Set(['1', ...yes_words.map(squeezeText)]);
  const no = new Set(['2', ...no_words.map(squeezeText)]);
  const whole = squeezeText(reply.text);
  if (yes.has(whole)) return { ok: true, value: true };
  if (no.has(whole)) return { ok: true, value: false };
  // Negative words win over positive ones: "ya tidak" and "tdk ya" are a no. Short words count only
  // at the start, since a trailing "ya" is often a filler ("gimana ya").
  const words = wordsOf(reply.text)
    .map(squeezeText)
    .filter((w, i) => i === 0 || w.length > 3);
  if (words.some((w) => no.has(w))) return { ok: true, value: false };
  if (words.some((w) => yes.has(w))) return { ok: true, value: true };
  return { ok: false };
}
