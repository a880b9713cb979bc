import type { Classification } from './classification.js';
import { createClassifier } from './create-classifier.js';
import type { Knowledge } from './create-featurizer.js';
import { stratifiedFolds } from './stratified-folds.js';
import { type LabelledExample, type TrainingOptions, trainClassifier } from './train-classifier.js';

/**
 * k-fold cross-validation: each example is classified by a model trained (and calibrated) without it,
 * so the figures estimate performance on messages the classifier has never seen.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  knowledge: Knowledge,
  folds: number,
  options: Partial<TrainingOptions> = {},
): Classification[] {
  const assignment = stratifiedFolds(
    examples.map((example) => example.label),
    folds,
  );
  const predictions: Classification[] = new Array(examples.length);
  for (let fold = 0; fold < folds; fold += 1) {
    const training = examples.filter((_, i) => assignment[i] !== fold);
    const model = trainClassifier(training, knowledge, options);
    const classify = createClassifier({ ...knowledge, model });
    examples.forEach((example, i) => {
      if (assignment[i] === fold) predictions[i] = classify(example.text);
    });
  }
  return predictions;
}
