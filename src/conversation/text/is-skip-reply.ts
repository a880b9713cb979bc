import type { KeywordsFile } from '../flows/keywords-schema.js';
import { squeezeText } from './normalize-text.js';

/** True when the reply is one of keywords.yaml `skip_words` ("lewati", "tidak ada", "0", "skip"). */
export function isSkipReply(config: KeywordsFile, text: string): boolean {
  const reply = squeezeText(text);
  if (reply === '') return false;
  return config.skip_words.some((word) => squeezeText(word) === reply);
}
