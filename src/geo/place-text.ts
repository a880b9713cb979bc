/** A word of free text, with the clause it belongs to so a place name never spans a comma. */
export interface PlaceToken {
  word: string;
  clause: number;
}

// Abbreviations written with a full stop ("Kab. Kukar", "Kec. Tenggarong"): the stop ends the
// abbreviation, not the clause, so the keyword still qualifies the name after it.
const ABBREVIATIONS = new Set(['kab', 'kec', 'kel', 'ds', 'prov', 'gp', 'kp', 'jl', 'pt', 'cv', 'no', 'dsn']);
const CLAUSE_BREAKS = new Set([',', ';', ':', '!', '?', '(', ')', '\n', '/', '|', '"']);

/**
 * Lowercases, strips accents and apostrophes, and splits into words. Hyphens separate words
 * ("Sanga-Sanga" = "sanga sanga"); runs of three or more equal letters shrink to one, as SMS
 * writers stretch words ("kukarrr") and no Indonesian region name has a tripled letter.
 */
export function tokenizePlaceText(text: string): PlaceToken[] {
  const normalized = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1');
  const tokens: PlaceToken[] = [];
  let clause = 0;
  let word = '';
  const flush = (): void => {
    if (word !== '') tokens.push({ word, clause });
    word = '';
  };
  for (const ch of normalized) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      word += ch;
      continue;
    }
    const ended = word;
    flush();
    if (CLAUSE_BREAKS.has(ch) || (ch === '.' && !ABBREVIATIONS.has(ended))) clause += 1;
  }
  flush();
  return tokens;
}

/** The key a name is indexed under: its words run together, so "kutaikartanegara" finds Kutai Kartanegara. */
export function compactPlaceName(name: string): string {
  return tokenizePlaceText(name)
    .map((t) => t.word)
    .join('');
}
