import type { Classify } from './classification.js';
import { CLASSIFIER_DATA, readExamplesOrThrow, UNTOUCHED_SETS } from './classifier-data.js';
import { type Evaluation, evaluatePredictions } from './evaluate-predictions.js';
import type { LabelledExample } from './train-classifier.js';

export interface UntouchedSet {
  name: (typeof UNTOUCHED_SETS)[number]['name'];
  file: string;
  examples: LabelledExample[];
}

export interface UntouchedEvaluation {
  name: UntouchedSet['name'];
  file: string;
  evaluation: Evaluation;
}

/** Reads the test split and the hard cases from the project root (`root` ends with "/"). */
export async function readUntouchedSets(root: string): Promise<UntouchedSet[]> {
  return Promise.all(
    UNTOUCHED_SETS.map(async ({ name, file }) => ({
      name,
      file,
      examples: await readExamplesOrThrow(root + file),
    })),
  );
}

/** Reads the training split from the project root (`root` ends with "/"). */
export function readTrainingSplit(root: string): Promise<LabelledExample[]> {
  return readExamplesOrThrow(root + CLASSIFIER_DATA.train);
}

/** How `classify` does on each untouched set, with `threshold` deciding which guesses skip the menu. */
export function evaluateUntouched(
  sets: readonly UntouchedSet[],
  classify: Classify,
  threshold: number,
): UntouchedEvaluation[] {
  return sets.map(({ name, file, examples }) => ({
    name,
    file,
    evaluation: evaluatePredictions(
      examples.map((example) => example.label),
      examples.map((example) => classify(example.text)),
      threshold,
    ),
  }));
}
