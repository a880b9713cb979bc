import type { KeywordsFile } from '../../flows/keywords-schema.js';
import { squeezeText, wordsOf } from '../../text/normalize-text.js';

// "bukan itu", "salah pak": a no with a word or two of courtesy, not a sentence.
const SHORT_REPLY_WORDS = 3;

/** A plain no: keywords.yaml `no_words` alone or leading a short reply ("tidak", "bukan itu", "no"). */
export function isNoReply(config: KeywordsFile, text: string): boolean {
  const words = wordsOf(text).map(squeezeText);
  const first = words[0];
  if (first === undefined || words.length > SHORT_REPLY_WORDS) return false;
  return config.no_words.some((w) => squeezeText(w) === first);
}
