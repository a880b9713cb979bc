import { compactText } from '../../text/normalize-text.js';

const WORDS: Readonly<Record<string, number>> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};

/** A reply that is just a number, written as digits or a word ("2", "2.", " dua", "no 2"), else null. */
export function parseOrdinal(text: string): number | null {
  const compact = compactText(text).replace(/^(nomor|nomer|pilih|no)/, '');
  if (/^\d{1,2}$/.test(compact)) return Number(compact);
  return WORDS[compact] ?? null;
}
