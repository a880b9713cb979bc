/** A word of free text, with the clause it belongs to so a place name never spans a comma. */
export interface PlaceToken {
  word: string;
  clause: number;
  /** Where the word stands in the original text (`to` exclusive), to quote the citizen's own spelling. */
  from: number;
  to: number;
  /**
   * Written with a capital and then small letters ("Makmur", not "makmur" or "MAKMUR"), somewhere other
   * than the start of a sentence, where phones capitalise every word. A sign the writer meant a name.
   */
  capitalized: boolean;
}

// Abbreviations written with a full stop ("Kab. Kukar", "Kec. Tenggarong"): the stop ends the
// abbreviation, not the clause, so the keyword still qualifies the name after it.
const ABBREVIATIONS = new Set(['kab', 'kec', 'kel', 'ds', 'prov', 'gp', 'kp', 'jl', 'pt', 'cv', 'no', 'dsn']);
const CLAUSE_BREAKS = new Set([',', ';', ':', '!', '?', '(', ')', '\n', '/', '|', '"']);
const SENTENCE_BREAKS = new Set(['.', '!', '?', '\n']);
const APOSTROPHES = new Set(["'", '’', '`']);

/**
 * Lowercases, strips accents and apostrophes, and splits into words. Hyphens separate words
 * ("Sanga-Sanga" = "sanga sanga"); runs of three or more equal letters shrink to one, as SMS
 * writers stretch words ("kukarrr") and no Indonesian region name has a tripled letter.
 */
export function tokenizePlaceText(text: string): PlaceToken[] {
  const tokens: PlaceToken[] = [];
  let clause = 0;
  let word = '';
  let written = '';
  let from = 0;
  let sentenceStart = true;
  const flush = (to: number): void => {
    if (word !== '') {
      tokens.push({
        word: word.replace(/(\p{L})\1{2,}/gu, '$1'),
        clause,
        from,
        to,
        capitalized: !sentenceStart && /^\p{Lu}[^\p{Lu}]*$/u.test(written),
      });
      sentenceStart = false;
    }
    word = '';
    written = '';
  };
  let at = 0;
  for (const ch of text) {
    const position = at;
    at += ch.length;
    if (APOSTROPHES.has(ch)) continue;
    const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (/^[\p{L}\p{N}]+$/u.test(plain)) {
      if (word === '') from = position;
      word += plain.toLowerCase();
      written += plain;
      continue;
    }
    const ended = word;
    flush(position);
    if (CLAUSE_BREAKS.has(ch) || (ch === '.' && !ABBREVIATIONS.has(ended))) clause += 1;
    if (SENTENCE_BREAKS.has(ch) && !(ch === '.' && ABBREVIATIONS.has(ended))) sentenceStart = true;
  }
  flush(at);
  // Title Case Or ALL CAPS Throughout says nothing about which words are names.
  const shouted = tokens.filter((t) => /^\p{Lu}/u.test(text.slice(t.from, t.to))).length;
  if (tokens.length >= 3 && shouted / tokens.length > 0.6) for (const t of tokens) t.capitalized = false;
  return tokens;
}

/** The key a name is indexed under: its words run together, so "kutaikartanegara" finds Kutai Kartanegara. */
export function compactPlaceName(name: string): string {
  return tokenizePlaceText(name)
    .map((t) => t.word)
    .join('');
}
