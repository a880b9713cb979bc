import type { KeywordsFile } from '../flows/keywords-schema.js';
import { isSkipReply } from './is-skip-reply.js';
import { isSmalltalk } from './is-smalltalk.js';
import { squeezeText } from './normalize-text.js';

/**
 * True when a reply holds words of the citizen's own, to keep on the report: anything with letters
 * except greetings and a lone yes, no or skip word ("ya", "tidak", "lewati").
 */
export function isFreeText(config: KeywordsFile, text: string): boolean {
  if (isSmalltalk(config, text) || isSkipReply(config, text)) return false;
  const whole = squeezeText(text);
  return ![...config.yes_words, ...config.no_words].some((w) => squeezeText(w) === whole);
}
