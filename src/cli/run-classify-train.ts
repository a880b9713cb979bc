import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readExamplesOrThrow } from '../classifier/classifier-data.js';
import { createClassifier } from '../classifier/create-classifier.js';
import type { Knowledge } from '../classifier/create-featurizer.js';
import {
  evaluateUntouched,
  readUntouchedSets,
  type UntouchedEvaluation,
  type UntouchedSet,
} from '../classifier/evaluate-untouched.js';
import { exportStaffLabels, type StaffLabel } from '../classifier/export-staff-labels.js';
import { mergeStaffDecisions } from '../classifier/merge-staff-decisions.js';
import type { ModelFile } from '../classifier/model-schema.js';
import { CLASSIFIER_FILES, readKnowledge } from '../classifier/read-classifier-files.js';
import { serializeModel } from '../classifier/serialize-model.js';
import { type LabelledExample, trainClassifier } from '../classifier/train-classifier.js';
import { withCliDatabase } from './with-cli-database.js';

export interface TrainRequest {
  /** Project root, ending with "/": flows, data and models are read from it. */
  root: string;
  file: string;
  out: string;
  withDecisions: boolean;
}

async function writeModel(out: string, model: ModelFile, knowledge: Knowledge): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, serializeModel(model));
  const { threshold } = model.calibration;
  if (knowledge.categories.confidence_threshold !== threshold) {
    console.log(
      `note: set confidence_threshold in ${CLASSIFIER_FILES.categories} to ${threshold} (it is ${knowledge.categories.confidence_threshold}), the value fitted on the training data`,
    );
  }
}

function describe(model: ModelFile, examples: number, source: string): string {
  return `trained on ${examples} messages from ${source}: ${Object.keys(model.weights).length} features, temperature ${model.temperature}, menu-skipping threshold ${model.calibration.threshold} (fitted on ${model.calibration.heldOut} held-out training predictions)`;
}

function score(model: ModelFile, knowledge: Knowledge, sets: readonly UntouchedSet[]) {
  const classify = createClassifier({ ...knowledge, model });
  return evaluateUntouched(sets, classify, model.calibration.threshold);
}

const figure = (e: UntouchedEvaluation): string =>
  `accuracy ${e.evaluation.accuracy.toFixed(3)}, macro-F1 ${e.evaluation.macroF1.toFixed(3)}`;

/** `suara classify train`: fits the model on the training data and writes it. */
export async function runClassifyTrain(request: TrainRequest): Promise<number> {
  const [examples, knowledge] = await Promise.all([
    readExamplesOrThrow(request.file),
    readKnowledge(request.root),
  ]);
  if (!request.withDecisions) {
    const model = trainClassifier(examples, knowledge);
    await writeModel(request.out, model, knowledge);
    console.log(describe(model, examples.length, request.file));
    console.log(`wrote ${request.out}`);
    return 0;
  }
  return withCliDatabase('classify', async ({ db }) => {
    const decisions = await exportStaffLabels(db);
    return foldInDecisions(request, examples, knowledge, decisions);
  });
}

/**
 * Trains once without and once with the staff decisions and writes the second model only when it is at
 * least as accurate as the first on every untouched evaluation set.
 */
async function foldInDecisions(
  request: TrainRequest,
  examples: LabelledExample[],
  knowledge: Knowledge,
  decisions: readonly StaffLabel[],
): Promise<number> {
  const sets = await readUntouchedSets(request.root);
  const merged = mergeStaffDecisions(
    examples,
    decisions,
    sets.flatMap((set) => set.examples),
  );
  console.log(
    `staff decisions: ${merged.added} added, ${merged.relabelled} relabelled, ${merged.duplicates} duplicates, ${merged.heldBack} held back (texts of the evaluation sets)`,
  );
  const before = score(trainClassifier(examples, knowledge), knowledge, sets);
  const model = trainClassifier(merged.examples, knowledge);
  const after = score(model, knowledge, sets);
  let worse = false;
  after.forEach((result, i) => {
    const previous = before[i];
    if (previous === undefined) return;
    const drop = result.evaluation.accuracy < previous.evaluation.accuracy;
    worse ||= drop;
    console.log(
      `${result.name.padEnd(11)} before ${figure(previous)}; after ${figure(result)}${drop ? '  (worse)' : ''}`,
    );
  });
  if (worse) {
    console.error(
      'refused: with the staff decisions the model is less accurate on an untouched evaluation set; nothing written',
    );
    return 1;
  }
  await writeModel(request.out, model, knowledge);
  console.log(describe(model, merged.examples.length, `${request.file} and the staff decisions`));
  console.log(`wrote ${request.out}`);
  return 0;
}
