import { CATEGORIES, type Category, type Classification } from './classification.js';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<Category, ClassMetrics>;
  /** confusion[actual][predicted] */
  confusion: Record<Category, Record<Category, number>>;
  threshold: number;
  /** Among licensing/environmental/revenue predictions with confidence ≥ threshold. */
  /** coverage: share of licensing/environmental/revenue predictions that clear the threshold. */
  confident: { predictions: number; correct: number; precision: number; coverage: number };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function evaluatePredictions(
  actual: readonly Category[],
  predicted: readonly Classification[],
  threshold: number,
): Evaluation {
  const row = (): Record<Category, number> => ({ licensing: 0, environmental: 0, revenue: 0, other: 0 });
  const confusion = { licensing: row(), environmental: row(), revenue: row(), other: row() };
  let correct = 0;
  let confidentCount = 0;
  let confidentCorrect = 0;
  let topicalPredictions = 0;
  actual.forEach((label, i) => {
    const prediction = predicted[i];
    if (prediction === undefined) return;
    confusion[label][prediction.category] += 1;
    if (label === prediction.category) correct += 1;
    if (prediction.category !== 'other') topicalPredictions += 1;
    if (prediction.category !== 'other' && prediction.confidence >= threshold) {
      confidentCount += 1;
      if (label === prediction.category) confidentCorrect += 1;
    }
  });
  const perClass = Object.fromEntries(
    CATEGORIES.map((category) => {
      const truePositive = confusion[category][category];
      const predictedCount = CATEGORIES.reduce((sum, other) => sum + confusion[other][category], 0);
      const support = CATEGORIES.reduce((sum, other) => sum + confusion[category][other], 0);
      const precision = ratio(truePositive, predictedCount);
      const recall = ratio(truePositive, support);
      return [
        category,
        { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support },
      ];
    }),
  ) as Record<Category, ClassMetrics>;
  return {
    total: actual.length,
    accuracy: ratio(correct, actual.length),
    macroF1: CATEGORIES.reduce((sum, category) => sum + perClass[category].f1, 0) / CATEGORIES.length,
    perClass,
    confusion,
    threshold,
    confident: {
      predictions: confidentCount,
      correct: confidentCorrect,
      precision: ratio(confidentCorrect, confidentCount),
      coverage: ratio(confidentCount, topicalPredictions),
    },
  };
}
