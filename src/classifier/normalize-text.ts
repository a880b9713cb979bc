import type { SlangFile } from './slang-schema.js';
import { createStemmer } from './stem-word.js';

/** A message reduced to stemmed standard words, with how much each word counts and whether it is denied. */
export interface NormalizedText {
  tokens: string[];
  /** 1 normally; higher after "tapi" or "yang paling penting", where writers put their main point. */
  weights: number[];
  /** True inside the scope of "bukan ..." ("bukan soal limbah, tapi izinnya"). */
  negated: boolean[];
}

export interface Normalizer {
  (text: string): NormalizedText;
  /** Normalizes a keyword from categories.yaml exactly like message text, so both meet halfway. */
  normalizeTerm(term: string): string[];
}

interface Surface {
  text: string;
  boundaryBefore: boolean;
}

const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/gi;
// Indonesian phone numbers, also masked ones ("0812-xxxx-xxxx"), are personal data, not words.
const PHONE = /(?:\+62|\b0)\d{2,4}[-\s.]?[\dx]{3,4}[-\s.]?[\dx]{3,5}\b/gi;
// Company names often contain topic words ("PT Sungai Hitam Makmur", "PT Lembah Bara"): keep only "perusahaan".
const COMPANY = /\b(?:PT|CV)\.?(?:\s+[A-Z][a-zA-Z]*){1,5}/g;
const RAW_TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[.!?;:,()\n]/gu;
const SENTENCE_END = /^[.!?\n]$/;
const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u;
const REPEATS = /(\p{L})\1{2,}/gu;
const MONEY = /^(?:rp\d*|\d+(?:rb|ribu|jt|juta|k|m|miliar|t|triliun))$/;
// "anak2", "surat2nya": the doubled word written with a 2, possibly with a suffix after it.
const REDUPLICATED = /^(\p{L}{2,})2(?:nya|an|kan|i)?$/u;
const NEGATION_SCOPE = 4;
const BACKGROUND_WEIGHT = 0.6;

const splitWords = (phrase: string): string[] => phrase.toLowerCase().split(/\s+/).filter(Boolean);

function sequenceIndex(phrases: string[]): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const words = splitWords(phrase);
    const [first] = words;
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    list.push(words);
    list.sort((a, b) => b.length - a.length);
    index.set(first, list);
  }
  return index;
}

function matchAt(
  tokens: readonly string[],
  at: number,
  index: Map<string, string[][]>,
): string[] | undefined {
  const candidates = index.get(tokens[at] ?? '');
  return candidates?.find((words) => words.every((word, offset) => tokens[at + offset] === word));
}

export function createNormalizer(slang: SlangFile, knownWords: ReadonlySet<string>): Normalizer {
  const standard = new Set(Object.values(slang.words).flatMap(splitWords));
  for (const value of Object.values(slang.phrases)) for (const word of splitWords(value)) standard.add(word);
  const stem = createStemmer(knownWords, standard);
  const places = new Set(slang.places.map((place) => place.toLowerCase()));
  const polite = new Set(slang.polite_izin);
  const breakers = new Set(slang.negation_breakers);
  const phraseIndex = sequenceIndex(Object.keys(slang.phrases));
  const phraseValues = new Map(
    Object.entries(slang.phrases).map(([key, value]) => [splitWords(key).join(' '), value]),
  );
  const negators = sequenceIndex(slang.negators);
  const contrast = sequenceIndex(slang.contrast);
  const emphasis = sequenceIndex(slang.emphasis);

  const replacements = new Map(Object.entries(slang.words).map(([key, value]) => [key, splitWords(value)]));
  const lookup = (word: string): string[] | undefined => replacements.get(word);
  const expanded = new Map<string, string[]>();

  const expandWord = (word: string): string[] => {
    let words = expanded.get(word);
    if (words === undefined) {
      words = expandUncached(word).filter((result) => !places.has(result));
      // Bounded: a gateway running for months meets an unbounded vocabulary.
      if (expanded.size > 50_000) expanded.clear();
      expanded.set(word, words);
    }
    return words;
  };

  const expandUncached = (word: string): string[] => {
    const collapsed = word.replace(REPEATS, '$1');
    const direct = lookup(collapsed) ?? lookup(word);
    if (direct) return direct;
    if (/^\d+x$/.test(collapsed)) return ['kali'];
    if (MONEY.test(collapsed)) return ['nominal'];
    const base = REDUPLICATED.exec(collapsed)?.[1];
    if (base !== undefined) return lookup(base) ?? [base];
    return [collapsed];
  };

  const isKnown = (word: string): boolean => knownWords.has(word) || knownWords.has(stem(word));

  const surfaceTokens = (text: string, fromMessage: boolean): Surface[] => {
    const cleaned = fromMessage
      ? text.replace(URL_OR_EMAIL, ' ').replace(PHONE, ' ').replace(COMPANY, ' perusahaan ')
      : text;
    // In an all-caps message capitals say nothing about names.
    const shouting = !/\p{Ll}/u.test(cleaned);
    const out: Surface[] = [];
    let sentenceStart = true;
    let boundary = true;
    for (const match of cleaned.matchAll(RAW_TOKEN)) {
      const raw = match[0];
      if (raw.length === 1 && /[.!?;:,()\n]/.test(raw)) {
        boundary = true;
        if (SENTENCE_END.test(raw)) sentenceStart = true;
        continue;
      }
      const parts = raw.toLowerCase().replace(/['’]/g, '').split('-');
      const unique = parts.every((part) => part === parts[0]) ? parts.slice(0, 1) : parts;
      const words = unique.length === 1 ? expandWord(unique[0] ?? '') : unique.flatMap(expandWord);
      // A capitalised word in mid-sentence that is no known term is almost always a name (village, river, person).
      const name = fromMessage && !shouting && !sentenceStart && TITLE_CASE.test(raw) && !words.some(isKnown);
      if (!name) {
        for (const [i, text] of words.entries()) out.push({ text, boundaryBefore: boundary && i === 0 });
        if (words.length > 0) boundary = false;
      }
      sentenceStart = false;
    }
    return out;
  };

  const rewritePhrases = (surfaces: Surface[], fromMessage: boolean): Surface[] => {
    const texts = surfaces.map((surface) => surface.text);
    const out: Surface[] = [];
    for (let i = 0; i < surfaces.length; ) {
      const phrase = matchAt(texts, i, phraseIndex);
      const current = surfaces[i];
      if (current === undefined) break;
      if (phrase) {
        const replacement = splitWords(phraseValues.get(phrase.join(' ')) ?? '');
        for (const [k, text] of replacement.entries()) {
          out.push({ text, boundaryBefore: current.boundaryBefore && k === 0 });
        }
        i += phrase.length;
        continue;
      }
      const next = surfaces[i + 1];
      // "izin bertanya" / "izin pak," is a courtesy, not a permit.
      const courtesy =
        fromMessage &&
        current.text === 'izin' &&
        (next === undefined ? i === 0 : polite.has(next.text) || (i === 0 && next.boundaryBefore));
      out.push(courtesy ? { ...current, text: 'permisi' } : current);
      i += 1;
    }
    return out;
  };

  const normalize = (text: string): NormalizedText => {
    const surfaces = rewritePhrases(surfaceTokens(text, true), true);
    const plain = surfaces.map((surface) => surface.text);
    const tokens: string[] = [];
    const weights: number[] = [];
    const negated: boolean[] = [];
    let focus = 1;
    let scope = 0;
    for (let i = 0; i < surfaces.length; i += 1) {
      const surface = surfaces[i];
      if (surface === undefined) break;
      if (surface.boundaryBefore) scope = 0;
      const contrastWords = matchAt(plain, i, contrast);
      const emphasisWords = matchAt(plain, i, emphasis);
      const negatorWords = matchAt(plain, i, negators);
      if (contrastWords) {
        focus = Math.max(focus, 1.5);
        scope = 0;
      }
      if (emphasisWords) focus = 2;
      tokens.push(stem(surface.text));
      weights.push(focus);
      negated.push(scope > 0);
      if (scope > 0) scope -= 1;
      if (negatorWords) {
        for (let k = 1; k < negatorWords.length; k += 1) {
          tokens.push(stem(plain[i + k] ?? ''));
          weights.push(focus);
          negated.push(false);
        }
        i += negatorWords.length - 1;
        scope = breakers.has(plain[i + 1] ?? '') ? 0 : NEGATION_SCOPE;
      }
    }
    // With a "tapi" or "yang paling penting" in the message, what came before it is background.
    const firstFocus = weights.findIndex((weight) => weight > 1);
    for (let i = 0; i < firstFocus; i += 1) weights[i] = BACKGROUND_WEIGHT;
    return { tokens, weights, negated };
  };

  const normalizeTerm = (term: string): string[] =>
    rewritePhrases(surfaceTokens(term, false), false).map((surface) => stem(surface.text));

  return Object.assign(normalize, { normalizeTerm });
}
