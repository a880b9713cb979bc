import type { KeywordsFile } from '../flows/keywords-schema.js';
import { squeezeText, wordsOf } from './normalize-text.js';

/**
 * True when a message is only greetings, tests or thanks ("halo", "tes", "p", "assalamualaikum",
 * "selamat pagi pak"), or has no letters at all ("?", "...", or a stray "1" answering a menu that is
 * no longer open): not a complaint.
 */
export function isSmalltalk(config: KeywordsFile, text: string): boolean {
  if (!/\p{L}/u.test(text)) return true;
  const tokens = wordsOf(text).map(squeezeText);
  const phrases = config.smalltalk
    .map((p) => wordsOf(p).map(squeezeText))
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
  let i = 0;
  while (i < tokens.length) {
    const phrase = phrases.find((p) => p.every((word, k) => tokens[i + k] === word));
    if (!phrase) return false;
    i += phrase.length;
  }
  return true;
}
