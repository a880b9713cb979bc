import { editDistance } from './edit-distance.js';
import { isEverydayWord } from './is-everyday-word.js';
import { letterMask, type PlaceEntry, type PlaceIndex } from './place-index.js';
import {
  companyMarkers,
  functionWords,
  gluedKeywordPrefixes,
  type PlaceKeyword,
  placeKeywords,
} from './place-keywords.js';
import type { PlaceToken } from './place-text.js';

/** `text`: a whole complaint, where most words are not places. `reply`: an answer to "where?". */
export type MatchMode = 'text' | 'reply';

export interface PlaceMention {
  start: number;
  /** Exclusive. */
  end: number;
  keyword: PlaceKeyword | null;
  distance: number;
  /** Letters matched, the measure for preferring "Tenggarong Seberang" over "Tenggarong". */
  length: number;
  /** Written as a name ("Makmur Jaya" inside a sentence), which lets an everyday word count. */
  capitalized: boolean;
  /** Count on their own. */
  strong: readonly PlaceEntry[];
  /** Count only inside a place the text names elsewhere (an ordinary-looking word next to its regency). */
  weak: readonly PlaceEntry[];
}

const COMPANY_NAME_MAX_WORDS = 4;
const FUZZY_MAX_WORDS = 3;
const SHORT_REPLY_WORDS = 4;

/**
 * Every stretch of text that names a region, with which of its readings count. This
 * function has to be stingy: villages are often named after ordinary words, and a complaint full of
 * rivers and dust must not come back located in a village called "Sungai".
 */
export function findPlaceMentions(
  tokens: readonly PlaceToken[],
  index: PlaceIndex,
  mode: MatchMode,
): PlaceMention[] {
  // A short answer to "where?" is all place; a long one is read like any complaint.
  const relaxed = mode === 'reply' && tokens.length <= SHORT_REPLY_WORDS;
  const skipped = companyNameTokens(tokens);
  const mentions: PlaceMention[] = [];
  for (let start = 0; start < tokens.length; start += 1) {
    if (skipped.has(start)) continue;
    const keyword = keywordBefore(tokens, start);
    const words: string[] = [];
    for (let end = start + 1; end <= tokens.length && end - start <= index.maxWords; end += 1) {
      const token = tokens[end - 1];
      if (!token || skipped.has(end - 1) || token.clause !== tokens[start]?.clause) break;
      words.push(token.word);
      const key = words.join('');
      const found = index.exact.get(key);
      const capitalized = tokens.slice(start, end).every((t) => t.capitalized);
      if (found) {
        mentions.push(
          classify(
            { start, end, keyword, distance: 0, length: key.length, capitalized },
            found,
            relaxed,
            words,
          ),
        );
      } else if (fuzzyAllowed(words, keyword, relaxed)) {
        const fuzzy = fuzzyLookup(words, index);
        if (fuzzy)
          mentions.push(
            classify(
              { start, end, keyword, ...fuzzy, length: key.length, capitalized },
              fuzzy.entries,
              relaxed,
              words,
            ),
          );
      }
    }
    const glued = gluedMention(tokens, start, index, relaxed);
    if (glued) mentions.push(glued);
  }
  return mentions.filter((m) => m.strong.length > 0 || m.weak.length > 0);
}

interface Span {
  start: number;
  end: number;
  keyword: PlaceKeyword | null;
  distance: number;
  length: number;
  capitalized: boolean;
}

function classify(
  span: Span,
  entries: readonly PlaceEntry[],
  relaxed: boolean,
  words: string[],
): PlaceMention {
  const strong: PlaceEntry[] = [];
  const weak: PlaceEntry[] = [];
  const onlyWord = words.length === 1 ? words[0] : undefined;
  if (onlyWord !== undefined && functionWords.has(onlyWord)) return { ...span, strong, weak };
  const districts = entries.filter((e) => e.region.level === 'district').length;
  for (const entry of entries) {
    const verdict = judge(span, entry, districts, relaxed);
    if (verdict === 'strong') strong.push(entry);
    else if (verdict === 'weak') weak.push(entry);
  }
  return { ...span, strong, weak };
}

function judge(
  span: Span,
  entry: PlaceEntry,
  districtsNamedSo: number,
  relaxed: boolean,
): 'strong' | 'weak' | 'drop' {
  const level = entry.region.level;
  const broad = level === 'province' || level === 'regency';
  const levelKeyword = span.keyword?.level === level;
  // A capital inside a sentence ("banjir di Makmur Jaya") says the writer meant a name.
  if (entry.common && !(span.capitalized && span.distance === 0)) {
    // "Malang" in reply to "where?" is the city; in a complaint it is more likely "unlucky".
    if (levelKeyword || (broad && relaxed)) return 'strong';
    // Several everyday words that together are a village's name count next to their regency.
    return broad || entry.words >= 2 ? 'weak' : 'drop';
  }
  if (broad || relaxed) return 'strong';
  if (span.keyword !== null || entry.words >= 2) return 'strong';
  if (span.distance > 0) return 'drop';
  // A one-word district name like "Tenggarong" or "Pomalaa" is distinctive; a one-word village
  // name is too often an ordinary word ("Minta", "Dana" are villages) to count without context.
  if (level === 'district' && districtsNamedSo === 1 && span.length >= 5) return 'strong';
  return 'weak';
}

function keywordBefore(tokens: readonly PlaceToken[], start: number): PlaceKeyword | null {
  const previous = tokens[start - 1];
  if (!previous || previous.clause !== tokens[start]?.clause) return null;
  return placeKeywords.get(previous.word) ?? null;
}

/**
 * Typo tolerance is where false places come from ("lahan" is one letter from Lahat, "bekas" from
 * Bekasi), so in a complaint a one-word typo needs a keyword before it ("di samarnda"), and no
 * window made only of everyday words is corrected at all.
 */
function fuzzyAllowed(words: readonly string[], keyword: PlaceKeyword | null, relaxed: boolean): boolean {
  if (words.length > FUZZY_MAX_WORDS) return false;
  if (words.some((w) => functionWords.has(w) || placeKeywords.has(w))) return false;
  if (words.every(isEverydayWord)) return false;
  return words.length > 1 || relaxed || keyword !== null;
}

function bitCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Edits allowed in a word: 1 from 5 letters, 2 from 9, none below. */
function allowedEdits(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * The closest official names within the typo budget. One typed word is compared with the name's
 * letters run together ("kutaikartanegra"); several typed words are compared word by word, so
 * "sungai bau" does not become "Sungai Mas" on the strength of a shared "sungai".
 */
function fuzzyLookup(
  words: readonly string[],
  index: PlaceIndex,
): { distance: number; entries: PlaceEntry[] } | null {
  const key = words.join('');
  if (key.length < 5) return null;
  const keyMask = letterMask(key);
  let best = Number.POSITIVE_INFINITY;
  let bestKeys: string[] = [];
  const consider = (candidates: readonly string[]) => {
    for (const candidate of candidates) {
      const distance = fuzzyDistance(words, key, keyMask, candidate, index);
      if (distance === null || distance > best || bestKeys.includes(candidate)) continue;
      if (distance < best) {
        best = distance;
        bestKeys = [];
      }
      bestKeys.push(candidate);
    }
  };
  // A single typed word may be a name written without spaces, so it is compared with names of any
  // word count; several typed words only with names of as many words.
  const wordCounts = words.length === 1 ? index.wordCounts : [words.length];
  for (const wordCount of wordCounts) {
    for (let length = key.length - 2; length <= key.length + 2; length += 1) {
      consider(index.byStart.get(`${wordCount}|${length}${key[0]}`) ?? []);
      consider(index.byEnd.get(`${wordCount}|${length}${key.at(-1)}`) ?? []);
    }
  }
  if (bestKeys.length === 0) return null;
  const entries = bestKeys.flatMap((k) => (index.exact.get(k) ?? []).filter((e) => !e.alias));
  return { distance: best, entries };
}

function fuzzyDistance(
  words: readonly string[],
  key: string,
  keyMask: number,
  candidate: string,
  index: PlaceIndex,
): number | null {
  const budget = allowedEdits(Math.min(key.length, candidate.length));
  if (budget === 0) return null;
  // Most candidates differ in more letters than the typo budget can explain: skip the edit distance.
  if (bitCount(keyMask ^ (index.letterMasks.get(candidate) ?? 0)) > 2 * budget) return null;
  if (words.length === 1) {
    const distance = editDistance(key, candidate, budget);
    return distance <= budget ? distance : null;
  }
  const nameWords = index.nameWords.get(candidate);
  if (!nameWords || nameWords.length !== words.length) return null;
  let total = 0;
  for (const [i, word] of words.entries()) {
    const nameWord = nameWords[i] ?? '';
    const allowed = allowedEdits(nameWord.length);
    const distance = editDistance(word, nameWord, allowed);
    if (distance > allowed) return null;
    total += distance;
  }
  return total <= budget ? total : null;
}

function gluedMention(
  tokens: readonly PlaceToken[],
  at: number,
  index: PlaceIndex,
  relaxed: boolean,
): PlaceMention | null {
  const word = tokens[at]?.word ?? '';
  if (index.exact.has(word)) return null;
  for (const prefix of gluedKeywordPrefixes) {
    const rest = word.slice(prefix.length);
    if (!word.startsWith(prefix) || rest.length < 4 || isEverydayWord(rest)) continue;
    const keyword = placeKeywords.get(prefix) ?? null;
    const entries = (index.exact.get(rest) ?? []).filter((e) =>
      // "di" glues to countless verbs ("dibakar", "ditambang"): only trust it before a regency or province.
      keyword?.level === 'any'
        ? e.region.level === 'province' || e.region.level === 'regency'
        : e.region.level === keyword?.level,
    );
    if (entries.length === 0) continue;
    const span: Span = {
      start: at,
      end: at + 1,
      keyword,
      distance: 0,
      length: rest.length,
      capitalized: false,
    };
    return classify(span, entries, relaxed, [rest]);
  }
  return null;
}

/** Token positions that belong to a company name: up to four words after "PT"/"CV", stopping at a place keyword. */
function companyNameTokens(tokens: readonly PlaceToken[]): Set<number> {
  const skipped = new Set<number>();
  tokens.forEach((token, i) => {
    if (!companyMarkers.has(token.word)) return;
    for (let j = i + 1; j <= i + COMPANY_NAME_MAX_WORDS; j += 1) {
      const next = tokens[j];
      if (!next || next.clause !== token.clause || placeKeywords.has(next.word)) break;
      skipped.add(j);
    }
  });
  return skipped;
}
