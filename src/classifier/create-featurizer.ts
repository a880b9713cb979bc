import type { CategoriesFile } from './categories-schema.js';
import { CATEGORIES } from './classification.js';
import { createLexiconMatcher, type LexiconMatch } from './match-lexicon.js';
import { createNormalizer, type NormalizedText } from './normalize-text.js';
import type { SlangFile } from './slang-schema.js';

export interface Knowledge {
  categories: CategoriesFile;
  slang: SlangFile;
}

export interface Featurized {
  normalized: NormalizedText;
  lexicon: LexiconMatch;
  /** feature name -> value; the statistical model's input. */
  features: Map<string, number>;
}

export type Featurize = (text: string) => Featurized;

// Character n-grams catch spellings no dictionary lists ("cemarr", "pencemarn"); they are many, so each
// counts little next to a whole word.
const CHAR_NGRAM_VALUE = 0.25;
const CHAR_NGRAM_SIZES = [3, 4];
const TOPICAL = CATEGORIES.filter((category) => category !== 'other');

/**
 * Every word of every keyword is a root the stemmer may reduce affixed words to, plus slang.yaml's `roots`.
 * Slang replacements are not roots: they include derived forms ("bertanya") and function words ("gara").
 */
function knownRoots(knowledge: Knowledge): Set<string> {
  const roots = new Set<string>();
  const add = (phrase: string): void => {
    for (const word of phrase.toLowerCase().split(/\s+/)) {
      if (word !== '' && !word.endsWith('*')) roots.add(word);
    }
  };
  for (const category of CATEGORIES) {
    for (const term of Object.keys(knowledge.categories.categories[category].keywords)) add(term);
  }
  for (const root of knowledge.slang.roots) add(root);
  return roots;
}

export function createFeaturizer(knowledge: Knowledge): Featurize {
  const normalize = createNormalizer(knowledge.slang, knownRoots(knowledge));
  const matchLexicon = createLexiconMatcher(knowledge.categories.categories, normalize.normalizeTerm);

  const ngramCache = new Map<string, string[]>();
  const charNgrams = (token: string): string[] => {
    let names = ngramCache.get(token);
    if (names === undefined) {
      names = [];
      const padded = `<${token}>`;
      for (const size of token.length < 3 ? [] : CHAR_NGRAM_SIZES) {
        for (let k = 0; k + size <= padded.length; k += 1) names.push(`c:${padded.slice(k, k + size)}`);
      }
      if (ngramCache.size > 50_000) ngramCache.clear();
      ngramCache.set(token, names);
    }
    return names;
  };

  return (text) => {
    const normalized = normalize(text);
    const lexicon = matchLexicon(normalized);
    const features = new Map<string, number>();
    const set = (name: string, value: number): void => {
      features.set(name, Math.max(features.get(name) ?? 0, value));
    };
    for (const category of CATEGORIES) {
      const score = lexicon.scores[category];
      // log1p: the third dust word adds less than the first.
      if (score !== 0) set(`lex:${category}`, Math.sign(score) * Math.log1p(Math.abs(score)));
    }
    if (TOPICAL.every((category) => lexicon.scores[category] <= 0)) set('lex:none', 1);
    const { tokens, weights, negated } = normalized;
    set(`len:${Math.min(tokens.length, 4)}`, 1);
    let previous: string | undefined;
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i] ?? '';
      if (negated[i]) {
        set(`not:${token}`, 1);
        previous = undefined;
        continue;
      }
      set(`w:${token}`, weights[i] ?? 1);
      if (previous !== undefined) set(`b:${previous}_${token}`, 1);
      previous = token;
      for (const name of charNgrams(token)) set(name, CHAR_NGRAM_VALUE);
    }
    return { normalized, lexicon, features };
  };
}

/** A short stable fingerprint of the knowledge files, stored with the model to detect a stale model. */
export function knowledgeFingerprint(knowledge: Knowledge): string {
  const text = JSON.stringify([knowledge.categories.categories, knowledge.slang]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
