import { commonPlaceWords } from './common-words.js';
import { ordinaryWords } from './ordinary-words.js';

/** A word citizens use for what it means, not as a name: a place named only so needs more evidence. */
export function isEverydayWord(word: string): boolean {
  return commonPlaceWords.has(word) || ordinaryWords.has(word);
}
