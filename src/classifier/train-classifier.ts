import { CATEGORIES, type Category } from './classification.js';
import { createFeaturizer, type Knowledge, knowledgeFingerprint } from './create-featurizer.js';
import { fitTemperature } from './fit-temperature.js';
import { fitThreshold, TARGET_CONFIDENT_PRECISION } from './fit-threshold.js';
import type { ModelFile } from './model-schema.js';
import { stratifiedFolds } from './stratified-folds.js';
import { type SparseExample, softmax, softmaxLogits, trainSoftmax } from './train-softmax.js';

export interface LabelledExample {
  text: string;
  label: Category;
}

export interface TrainingOptions {
  seed: number;
  epochs: number;
  /** L2 penalty on word, bigram and character features. */
  l2: number;
  /** L2 penalty on the lexicon features: lighter, because the lexicon is written to generalise. */
  lexiconL2: number;
  learningRate: number;
  /**
   * Folds of the internal cross-validation over the training data whose held-out outputs calibrate the
   * temperature and choose the threshold; no evaluation data is ever seen here.
   */
  calibrationFolds: number;
  /** A word or n-gram must occur in this many training messages to get a weight. */
  minCount: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  seed: 20240601,
  epochs: 30,
  l2: 0.3,
  lexiconL2: 0.0002,
  learningRate: 0.2,
  calibrationFolds: 5,
  minCount: 2,
};

const round = (value: number): number => Math.round(value * 1e6) / 1e6;
const NO_SCORES = { licensing: 0, environmental: 0, revenue: 0, other: 0 };

/**
 * Trains the softmax model over lexicon + n-gram features and calibrates it (temperature and
 * menu-skipping threshold fitted on held-out folds of `examples`); deterministic for a given input.
 */
export function trainClassifier(
  examples: readonly LabelledExample[],
  knowledge: Knowledge,
  overrides: Partial<TrainingOptions> = {},
): ModelFile {
  const options = { ...DEFAULT_TRAINING, ...overrides };
  const featurize = createFeaturizer(knowledge);
  const featureMaps = examples.map((example) => featurize(example.text).features);
  const counts = new Map<string, number>();
  for (const features of featureMaps)
    for (const name of features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([name, count]) => count >= options.minCount || name.startsWith('lex:'))
    .map(([name]) => name)
    .sort();
  const index = new Map(vocabulary.map((name, i) => [name, i]));
  const sparse: SparseExample[] = featureMaps.map((features, i) => {
    const indices: number[] = [];
    const values: number[] = [];
    for (const [name, value] of features) {
      const at = index.get(name);
      if (at === undefined) continue;
      indices.push(at);
      values.push(value);
    }
    return { indices, values, label: CATEGORIES.indexOf(examples[i]?.label ?? 'other') };
  });
  const penalties = Float64Array.from(vocabulary, (name) =>
    name.startsWith('lex:') ? options.lexiconL2 : options.l2,
  );
  const softmaxOptions = { ...options, penalties, classes: CATEGORIES.length, features: vocabulary.length };

  const folds = stratifiedFolds(
    sparse.map((example) => String(example.label)),
    options.calibrationFolds,
  );
  const heldOutLogits: number[][] = [];
  const heldOutLabels: number[] = [];
  for (
    let fold = 0;
    fold < options.calibrationFolds && sparse.length >= options.calibrationFolds;
    fold += 1
  ) {
    const model = trainSoftmax(
      sparse.filter((_, i) => folds[i] !== fold),
      softmaxOptions,
    );
    sparse.forEach((example, i) => {
      if (folds[i] !== fold) return;
      heldOutLogits.push(softmaxLogits(model, example, CATEGORIES.length));
      heldOutLabels.push(example.label);
    });
  }
  const temperature = fitTemperature(heldOutLogits, heldOutLabels);
  const heldOutPredictions = heldOutLogits.map((logits) => {
    const probabilities = softmax(logits.map((logit) => logit / temperature));
    let winner = 0;
    probabilities.forEach((p, k) => {
      if (p > (probabilities[winner] ?? 0)) winner = k;
    });
    return { category: CATEGORIES[winner] ?? 'other', confidence: probabilities[winner] ?? 0 };
  });
  const threshold = fitThreshold(
    heldOutLabels.map((label) => CATEGORIES[label] ?? 'other'),
    heldOutPredictions.map((prediction) => ({ ...prediction, scores: NO_SCORES, evidence: [] })),
  );

  const final = trainSoftmax(sparse, softmaxOptions);
  const weights: Record<string, number[]> = {};
  vocabulary.forEach((name, i) => {
    const row = Array.from(final.weights.subarray(i * CATEGORIES.length, (i + 1) * CATEGORIES.length), round);
    // Weights that never moved are noise in the committed file.
    if (row.some((weight) => Math.abs(weight) >= 1e-4)) weights[name] = row;
  });
  return {
    version: 1,
    classes: ['licensing', 'environmental', 'revenue', 'other'],
    knowledgeFingerprint: knowledgeFingerprint(knowledge),
    temperature,
    calibration: {
      heldOut: heldOutLabels.length,
      threshold,
      targetPrecision: TARGET_CONFIDENT_PRECISION,
    },
    bias: Array.from(final.bias, round),
    weights,
    training: {
      examples: examples.length,
      seed: options.seed,
      epochs: options.epochs,
      l2: options.l2,
      lexiconL2: options.lexiconL2,
    },
  };
}
