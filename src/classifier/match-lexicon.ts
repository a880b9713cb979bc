import type { CategoriesFile } from './categories-schema.js';
import { CATEGORIES, type Category } from './classification.js';
import type { NormalizedText } from './normalize-text.js';

export interface LexiconHit {
  category: Category;
  /** The keyword as written in categories.yaml, shown to the secretariat as evidence. */
  term: string;
  /** weight × focus of the strongest occurrence. */
  contribution: number;
}

export interface LexiconMatch {
  scores: Record<Category, number>;
  hits: LexiconHit[];
  /** Keywords that appeared only inside a negation ("bukan soal limbah"). */
  denied: string[];
}

export type MatchLexicon = (text: NormalizedText) => LexiconMatch;

interface Entry {
  category: Category;
  term: string;
  weight: number;
  words: string[];
}

export const emptyScores = (): Record<Category, number> => ({
  licensing: 0,
  environmental: 0,
  revenue: 0,
  other: 0,
});

/** Compiles the weighted keywords of categories.yaml into a matcher over normalized tokens. */
export function createLexiconMatcher(
  categories: CategoriesFile['categories'],
  normalizeTerm: (term: string) => string[],
): MatchLexicon {
  const byFirstWord = new Map<string, Entry[]>();
  const prefixes: Entry[] = [];
  for (const category of CATEGORIES) {
    for (const [term, weight] of Object.entries(categories[category].keywords)) {
      if (term.endsWith('*')) {
        prefixes.push({ category, term, weight, words: [term.slice(0, -1).toLowerCase()] });
        continue;
      }
      const words = normalizeTerm(term);
      const [first] = words;
      if (first === undefined) continue;
      const list = byFirstWord.get(first) ?? [];
      list.push({ category, term, weight, words });
      // Longest phrases first, so "lubang bekas tambang" wins over "bekas tambang".
      list.sort((a, b) => b.words.length - a.words.length);
      byFirstWord.set(first, list);
    }
  }
  const prefixCache = new Map<string, Entry[]>();
  const prefixEntries = (token: string): Entry[] => {
    let found = prefixCache.get(token);
    if (found === undefined) {
      found = prefixes.filter((entry) => token.startsWith(entry.words[0] ?? '\u0000'));
      if (prefixCache.size > 50_000) prefixCache.clear();
      prefixCache.set(token, found);
    }
    return found;
  };

  return ({ tokens, weights, negated }) => {
    const best = new Map<Entry, number>();
    const denied = new Set<string>();
    const covered = new Uint8Array(tokens.length);
    const record = (entry: Entry, start: number): void => {
      const span = entry.words.length;
      for (let k = start; k < start + span; k += 1) covered[k] = 1;
      // A phrase is denied when it starts inside a negation; "bukan karena tambang" itself stays a phrase.
      if (negated[start]) {
        denied.add(entry.term);
        return;
      }
      const contribution = entry.weight * (weights[start] ?? 1);
      best.set(entry, Math.max(best.get(entry) ?? Number.NEGATIVE_INFINITY, contribution));
    };
    // Phrases first, so a word inside a matched phrase does not also count on its own.
    for (let i = 0; i < tokens.length; i += 1) {
      for (const entry of byFirstWord.get(tokens[i] ?? '') ?? []) {
        if (entry.words.length < 2 || covered[i]) continue;
        if (entry.words.every((word, offset) => tokens[i + offset] === word)) record(entry, i);
      }
    }
    for (let i = 0; i < tokens.length; i += 1) {
      if (covered[i]) continue;
      const token = tokens[i] ?? '';
      const singles = (byFirstWord.get(token) ?? []).filter((entry) => entry.words.length === 1);
      for (const entry of singles.length > 0 ? singles : prefixEntries(token)) record(entry, i);
    }
    const scores = emptyScores();
    const hits: LexiconHit[] = [];
    for (const [entry, contribution] of best) {
      scores[entry.category] += contribution;
      hits.push({ category: entry.category, term: entry.term, contribution });
    }
    hits.sort((a, b) => b.contribution - a.contribution);
    return { scores, hits, denied: [...denied] };
  };
}
