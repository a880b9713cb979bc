import type { CategoriesFile } from './categories-schema.js';
import { CATEGORIES, type Category, type Classification, type Classify } from './classification.js';
import { createFeaturizer } from './create-featurizer.js';
import type { ModelFile } from './model-schema.js';
import type { SlangFile } from './slang-schema.js';
import { softmax } from './train-softmax.js';

export interface ClassifierParts {
  categories: CategoriesFile;
  slang: SlangFile;
  model: ModelFile;
}

const EVIDENCE_LIMIT = 6;
const CLASS_COUNT = CATEGORIES.length;

/** Turns a model feature into words a secretariat member can read; n-grams and counters are not shown. */
function readable(feature: string): string | undefined {
  if (feature.startsWith('w:')) return feature.slice(2);
  if (feature.startsWith('b:')) return feature.slice(2).replace('_', ' ');
  if (feature.startsWith('not:')) return `bukan ${feature.slice(4)}`;
  return undefined;
}

/** Builds the pure `classify` function: no I/O, everything it needs is passed in here. */
export function createClassifier({ categories, slang, model }: ClassifierParts): Classify {
  const featurize = createFeaturizer({ categories, slang });
  const weights = new Map(Object.entries(model.weights).map(([name, row]) => [name, Float64Array.from(row)]));
  // Weights minus their class average: how much a feature favours one class over the others (evidence).
  const centered = new Map(
    [...weights].map(([name, row]) => {
      const average = row.reduce((sum, value) => sum + value, 0) / row.length;
      return [name, row.map((value) => value - average)];
    }),
  );
  const { temperature } = model;

  return (text) => {
    const { features, lexicon } = featurize(text);
    const logits = [...model.bias];
    for (const [name, value] of features) {
      const row = weights.get(name);
      if (row === undefined) continue;
      for (let k = 0; k < CLASS_COUNT; k += 1) logits[k] = (logits[k] ?? 0) + value * (row[k] ?? 0);
    }
    const probabilities = softmax(logits.map((logit) => logit / temperature));
    let winner = 0;
    for (let k = 1; k < CLASS_COUNT; k += 1)
      if ((probabilities[k] ?? 0) > (probabilities[winner] ?? 0)) winner = k;
    const category: Category = CATEGORIES[winner] ?? 'other';
    const score = (k: number): number => Math.round((probabilities[k] ?? 0) * 1e4) / 1e4;
    const scores: Record<Category, number> = {
      licensing: score(0),
      environmental: score(1),
      revenue: score(2),
      other: score(3),
    };

    // Evidence: how much each keyword or word pushed the winner above the average class.
    const pushes: Array<[string, number]> = [];
    const lexRow = centered.get(`lex:${category}`);
    const lexScore = lexicon.scores[category];
    if (lexRow !== undefined && lexScore > 0) {
      const lexPush = lexRow[winner] ?? 0;
      for (const hit of lexicon.hits) {
        if (hit.category === category && hit.contribution > 0) {
          pushes.push([hit.term, (lexPush * Math.log1p(lexScore) * hit.contribution) / lexScore]);
        }
      }
    }
    for (const [name, value] of features) {
      if (name.startsWith('c:')) continue;
      const row = centered.get(name);
      const label = readable(name);
      if (row === undefined || label === undefined) continue;
      pushes.push([label, value * (row[winner] ?? 0)]);
    }
    pushes.sort((a, b) => b[1] - a[1]);
    const evidence: string[] = [];
    for (const [label, push] of pushes) {
      if (push <= 0 || evidence.length >= EVIDENCE_LIMIT) break;
      if (!evidence.includes(label)) evidence.push(label);
    }
    for (const term of lexicon.denied) evidence.push(`bukan: ${term}`);
    return { category, confidence: scores[category], scores, evidence } satisfies Classification;
  };
}
