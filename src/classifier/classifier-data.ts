import { readLabelledExamples } from './read-labelled-examples.js';
import type { LabelledExample } from './train-classifier.js';

/**
 * The committed labelled data, relative to the project root. `train` is the only file anything is fitted
 * on (model, temperature, threshold, keyword and slang edits); `test` (a fixed quarter of the labelled
 * messages, per category) and `hardCases` (messages written apart, of the hardest kinds) are never tuned
 * on: they measure the committed model.
 */
export const CLASSIFIER_DATA = {
  train: 'data/classifier/train.jsonl',
  test: 'data/classifier/test.jsonl',
  hardCases: 'data/classifier/hard-cases.jsonl',
} as const;

/** The untouched evaluation sets, in the order they are reported. */
export const UNTOUCHED_SETS = [
  { name: 'test split', file: CLASSIFIER_DATA.test },
  { name: 'hard cases', file: CLASSIFIER_DATA.hardCases },
] as const;

/** Reads a labelled JSONL file; a missing or malformed file is an error, never an empty set. */
export async function readExamplesOrThrow(file: string): Promise<LabelledExample[]> {
  const result = await readLabelledExamples(file);
  if (!result.ok) throw new Error(result.error);
  return result.examples;
}
