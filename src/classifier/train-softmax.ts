import { seededRandom } from '../seeded-random.js';

/** One training example as parallel arrays of feature indices and values. */
export interface SparseExample {
  indices: number[];
  values: number[];
  label: number;
}

export interface SoftmaxOptions {
  classes: number;
  features: number;
  epochs: number;
  /** L2 penalty per feature; strong on the many rare n-grams so the lexicon features carry unseen text. */
  penalties: Float64Array;
  learningRate: number;
  seed: number;
}

export interface SoftmaxWeights {
  /** features × classes, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

export function softmaxLogits(
  model: SoftmaxWeights,
  example: Omit<SparseExample, 'label'>,
  classes: number,
): number[] {
  const logits = Array.from(model.bias);
  for (let n = 0; n < example.indices.length; n += 1) {
    const row = (example.indices[n] ?? 0) * classes;
    const value = example.values[n] ?? 0;
    for (let k = 0; k < classes; k += 1) logits[k] = (logits[k] ?? 0) + value * (model.weights[row + k] ?? 0);
  }
  return logits;
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/**
 * Multinomial logistic regression by AdaGrad SGD in a seeded order. The L2 penalty is applied to the
 * weights an example touches (the usual sparse approximation), which keeps an epoch proportional to the
 * number of non-zero features rather than to the vocabulary.
 */
export function trainSoftmax(examples: SparseExample[], options: SoftmaxOptions): SoftmaxWeights {
  const { classes, features, epochs, penalties, learningRate } = options;
  const weights = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  const weightHistory = new Float64Array(features * classes);
  const biasHistory = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const model = { weights, bias };
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const position of order) {
      const example = examples[position];
      if (example === undefined) continue;
      const probabilities = softmax(softmaxLogits(model, example, classes));
      for (let k = 0; k < classes; k += 1) {
        const gradient = (probabilities[k] ?? 0) - (k === example.label ? 1 : 0);
        biasHistory[k] = (biasHistory[k] ?? 0) + gradient * gradient;
        bias[k] = (bias[k] ?? 0) - (learningRate * gradient) / Math.sqrt((biasHistory[k] ?? 0) + 1e-8);
        for (let n = 0; n < example.indices.length; n += 1) {
          const feature = example.indices[n] ?? 0;
          const slot = feature * classes + k;
          const w = weights[slot] ?? 0;
          const g = gradient * (example.values[n] ?? 0) + (penalties[feature] ?? 0) * w;
          weightHistory[slot] = (weightHistory[slot] ?? 0) + g * g;
          weights[slot] = w - (learningRate * g) / Math.sqrt((weightHistory[slot] ?? 0) + 1e-8);
        }
      }
    }
  }
  return model;
}
