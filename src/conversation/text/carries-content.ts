import { statusOf } from '../engine/apply-location.js';
import type { Turn } from '../engine/turn.js';
import { isFreeText } from './is-free-text.js';
import { wordsOf } from './normalize-text.js';

// "hmm gimana ya" is a shrug, "warga gatal-gatal setelah mandi" a description.
const DESCRIPTION_MIN_WORDS = 4;

/**
 * True when a reply that answers no question still tells us something worth acting on: a
 * description of the problem (several words, or words the classifier recognises) or a place.
 */
export function carriesContent(turn: Turn, text: string): boolean {
  if (!isFreeText(turn.flows.keywords, text)) return false;
  if (wordsOf(text).filter((w) => /\p{L}/u.test(w)).length >= DESCRIPTION_MIN_WORDS) return true;
  const classification = turn.ctx.classify(text);
  if (classification.category !== 'other' && classification.evidence.length > 0) return true;
  return statusOf(turn.ctx.resolveLocation(text)) !== 'missing';
}
