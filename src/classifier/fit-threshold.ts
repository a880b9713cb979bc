import type { Category, Classification } from './classification.js';

/** Precision wanted on licensing/environmental/revenue guesses confirmed without the category menu. */
export const TARGET_CONFIDENT_PRECISION = 0.95;

const LOWEST = 0.5;
const STEP = 0.01;

/**
 * The confidence at or above which a guess may skip the menu, chosen on held-out predictions of the
 * training data only: the lowest threshold at which both the held-out precision and the mean calibrated
 * confidence of the topical guesses it lets through reach `target`. The second condition matters because
 * held-out folds of the training data are easier than new text (the lexicon was written with them in
 * view); a threshold is only trusted where the calibrated probabilities themselves promise the target.
 * 1 (never skip the menu) when no threshold qualifies.
 */
export function fitThreshold(
  labels: readonly Category[],
  predictions: readonly Classification[],
  target: number = TARGET_CONFIDENT_PRECISION,
): number {
  const topical = predictions.flatMap((prediction, i) =>
    prediction.category === 'other'
      ? []
      : [{ confidence: prediction.confidence, correct: prediction.category === labels[i] }],
  );
  for (let step = 0; LOWEST + step * STEP < 1; step += 1) {
    const threshold = Math.round((LOWEST + step * STEP) * 100) / 100;
    const confident = topical.filter((prediction) => prediction.confidence >= threshold);
    if (confident.length === 0) break;
    const precision = confident.filter((prediction) => prediction.correct).length / confident.length;
    const meanConfidence = confident.reduce((sum, p) => sum + p.confidence, 0) / confident.length;
    if (precision >= target && meanConfidence >= target) return threshold;
  }
  return 1;
}
