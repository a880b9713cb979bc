import { CATEGORIES, type Category, type Classification } from './classification.js';

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

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
  /**
   * Among licensing/environmental/revenue predictions with confidence ≥ threshold (those that skip the
   * menu); coverage: the share of licensing/environmental/revenue predictions that clear the threshold.
   */
  confident: { predictions: number; correct: number; precision: number; coverage: number };
  /**
   * Expected calibration error: predictions grouped in ten equal confidence bins, the gap between each
   * bin's mean confidence and its accuracy, weighted by the bin's size. 0 = "0.8" is right 8 times in 10.
   */
  calibrationError: number;
}

const CALIBRATION_BINS = 10;

export function expectedCalibrationError(
  actual: readonly Category[],
  predicted: readonly Classification[],
): number {
  const bins = Array.from({ length: CALIBRATION_BINS }, () => ({ confidence: 0, correct: 0 }));
  let counted = 0;
  actual.forEach((label, i) => {
    const prediction = predicted[i];
    if (prediction === undefined) return;
    const bin = bins[Math.min(CALIBRATION_BINS - 1, Math.floor(prediction.confidence * CALIBRATION_BINS))];
    if (bin === undefined) return;
    bin.confidence += prediction.confidence;
    if (prediction.category === label) bin.correct += 1;
    counted += 1;
  });
  return ratio(
    bins.reduce((sum, bin) => sum + Math.abs(bin.confidence - bin.correct), 0),
    counted,
  );
}

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
    calibrationError: expectedCalibrationError(actual, predicted),
  };
}
