import type { Reply } from '../../engine/turn.js';
import type { Expectation } from '../../flows/flow-schema.js';
import { normalizeText, squeezeText, wordsOf } from '../../text/normalize-text.js';
import type { AnswerResult } from './answer-result.js';
import { parseOrdinal } from './parse-ordinal.js';

type RatingExpectation = Extract<Expectation, { type: 'rating' }>;

// Words around a rating that say nothing themselves: "nilai 4", "4 bintang", "saya beri 3".
const FILLERS = new Set([
  'nilai',
  'nilainya',
  'skor',
  'score',
  'rating',
  'saya',
  'sy',
  'beri',
  'kasih',
  'bintang',
  'star',
  'stars',
  'poin',
]);
// Replies longer than this are sentences, not ratings: "bagus" inside one proves nothing.
const MAX_WORDS = 4;

/**
 * A rating within the step's scale: "4", "empat", "4/5", "4 dari 5", "nilai 4", "4 bintang", or a word
 * the flow maps ("bagus": 4). A number outside the scale ("7", "0") is no answer, so the citizen is asked
 * again with the scale spelled out rather than having a typo stored.
 */
export function answerRating(expect: RatingExpectation, reply: Reply): AnswerResult {
  const value = readRating(expect, reply.text);
  if (value === null || value < expect.min || value > expect.max) return { ok: false };
  return { ok: true, value };
}

function readRating(expect: RatingExpectation, text: string): number | null {
  const whole = squeezeText(text);
  const mapped = Object.entries(expect.words).map(([word, value]) => ({ key: squeezeText(word), value }));
  const exact = mapped.find((m) => m.key === whole);
  if (exact) return exact.value;
  // "4/5", "4 dari 5", "4 of 5": the first number is the rating.
  const outOf = normalizeText(text).match(/^\D*?(\d{1,2})\s*(?:\/|dari|of|out of)\s*\d{1,2}\b/);
  if (outOf?.[1]) return Number(outOf[1]);
  const words = wordsOf(text);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  const rest = words.filter((w) => !FILLERS.has(w));
  if (rest.length === 1 && rest[0]) {
    if (/^\d{1,2}$/.test(rest[0])) return Number(rest[0]);
    const ordinal = parseOrdinal(rest[0]);
    if (ordinal !== null) return ordinal;
  }
  // A mapped word or phrase inside a short reply ("dlh bagus"): the longest one found wins, so
  // "sangat bagus" beats "bagus".
  const squeezedWords = ` ${words.map(squeezeText).join(' ')} `;
  const found = Object.entries(expect.words)
    .map(([word, value]) => ({ phrase: wordsOf(word).map(squeezeText).join(' '), value }))
    .filter((m) => m.phrase !== '' && squeezedWords.includes(` ${m.phrase} `))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  return found[0]?.value ?? null;
}
