import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ClassifierLoadError } from '../classifier/classifier-load-error.js';
import { crossValidate } from '../classifier/cross-validate.js';
import { evaluatePredictions } from '../classifier/evaluate-predictions.js';
import { formatEvaluation } from '../classifier/format-evaluation.js';
import { loadClassifier } from '../classifier/load-classifier.js';
import { CLASSIFIER_FILES, readKnowledge, rootPath } from '../classifier/read-classifier-files.js';
import { readLabelledExamples } from '../classifier/read-labelled-examples.js';
import { serializeModel } from '../classifier/serialize-model.js';
import { trainClassifier } from '../classifier/train-classifier.js';
import { projectPath } from '../project-path.js';
import type { Command } from './command.js';
import { runExportLabels } from './run-export-labels.js';

// The labelled dev set lives beside the repository (see the issue); secretariat exports can be passed instead.
const DEFAULT_TRAINING_FILE = projectPath('..', 'shared', 'data', 'complaints-dev.jsonl');

const USAGE = `Usage:
  suara classify "<text>" [--json]      classify one message: decision, confidence, evidence
  suara classify eval <file.jsonl> [--folds <k>]
                                        accuracy, per-class precision/recall/F1, macro-F1, confusion
                                        matrix and confident precision; with --folds, k-fold
                                        cross-validation (train on k-1 folds, test on the other)
  suara classify train [file.jsonl] [--out <model.json>]
                                        train the model (default data: ${DEFAULT_TRAINING_FILE},
                                        default output: ${CLASSIFIER_FILES.model})
  suara classify export-labels [--out <file.jsonl>]
                                        staff re-categorisations of real (not simulated) reports as
                                        labelled JSONL for train/eval, to stdout or --out; count on stderr

Labelled JSONL: one {"text": "...", "label": "licensing|environmental|revenue|other"} per line.
Knowledge: ${CLASSIFIER_FILES.categories} (labels, keywords, confidence_threshold), ${CLASSIFIER_FILES.slang}.`;

class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

function parseArgs(args: string[], valued: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split('=', 2);
    if (!valued.includes(name)) {
      if (inline !== undefined || !['json', 'help'].includes(name))
        throw new UsageError(`unknown option --${name}`);
      options.set(name, true);
      continue;
    }
    const value = inline ?? args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
    if (inline === undefined) i += 1;
  }
  return { positional, options };
}

async function readExamplesOrFail(file: string) {
  const result = await readLabelledExamples(file);
  // A bad data file is not a usage mistake: plain error, exit code 1.
  if (!result.ok) throw new Error(result.error);
  return result.examples;
}

async function runTrain(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ['out']);
  if (positional.length > 1) throw new UsageError('train takes at most one data file');
  const file = positional[0] ?? DEFAULT_TRAINING_FILE;
  const out = String(options.get('out') ?? rootPath() + CLASSIFIER_FILES.model);
  const [examples, knowledge] = await Promise.all([readExamplesOrFail(file), readKnowledge()]);
  const model = trainClassifier(examples, knowledge);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, serializeModel(model));
  console.log(
    `trained on ${examples.length} messages from ${file}: ${Object.keys(model.weights).length} features, temperature ${model.temperature}`,
  );
  console.log(`wrote ${out}`);
  return 0;
}

async function runEval(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ['folds']);
  const [file, ...extra] = positional;
  if (file === undefined || extra.length > 0)
    throw new UsageError('eval needs exactly one labelled JSONL file');
  const foldsOption = options.get('folds');
  const folds = foldsOption === undefined ? 0 : Number(foldsOption);
  if (foldsOption !== undefined && (!Number.isInteger(folds) || folds < 2)) {
    throw new UsageError('--folds must be an integer of at least 2');
  }
  const examples = await readExamplesOrFail(file);
  if (folds > examples.length)
    throw new UsageError(`--folds ${folds} is more than the ${examples.length} messages`);
  const labels = examples.map((example) => example.label);
  if (folds > 0) {
    const knowledge = await readKnowledge();
    const predictions = crossValidate(examples, knowledge, folds);
    const evaluation = evaluatePredictions(labels, predictions, knowledge.categories.confidence_threshold);
    console.log(formatEvaluation(evaluation, `${folds}-fold cross-validation on ${file}`));
    return 0;
  }
  const loaded = await loadClassifier();
  for (const warning of loaded.warnings) console.error(`warning: ${warning}`);
  const predictions = examples.map((example) => loaded.classify(example.text));
  console.log(
    formatEvaluation(
      evaluatePredictions(labels, predictions, loaded.threshold),
      `committed model on ${file}`,
    ),
  );
  return 0;
}

async function runClassify(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, []);
  const text = positional.join(' ');
  if (text.trim() === '')
    throw new UsageError('give the message to classify, e.g. suara classify "sungai keruh"');
  const loaded = await loadClassifier();
  for (const warning of loaded.warnings) console.error(`warning: ${warning}`);
  const result = loaded.classify(text);
  if (options.has('json')) {
    console.log(JSON.stringify({ ...result, threshold: loaded.threshold }, null, 2));
    return 0;
  }
  const label = loaded.categories.categories[result.category].label;
  const decision =
    result.confidence >= loaded.threshold ? 'confirm with the citizen' : 'show the category menu';
  console.log(`category    ${result.category} (${label.id} / ${label.en})`);
  console.log(`confidence  ${result.confidence.toFixed(2)} (threshold ${loaded.threshold}: ${decision})`);
  console.log(
    `scores      ${Object.entries(result.scores)
      .map(([name, score]) => `${name} ${score.toFixed(2)}`)
      .join(', ')}`,
  );
  console.log(`evidence    ${result.evidence.length > 0 ? result.evidence.join(', ') : '(none)'}`);
  return 0;
}

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Classify a complaint, evaluate the classifier, or train its model',
  usage: USAGE,
  async run(args) {
    const [first, ...rest] = args;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      console.log(USAGE);
      return first === undefined ? 2 : 0;
    }
    try {
      if (first === 'train') return await runTrain(rest);
      if (first === 'eval') return await runEval(rest);
      if (first === 'export-labels') {
        const { positional, options } = parseArgs(rest, ['out']);
        if (positional.length > 0) throw new UsageError('export-labels takes no arguments; use --out <file>');
        const out = options.get('out');
        return await runExportLabels(typeof out === 'string' ? out : null);
      }
      return await runClassify(args);
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(`suara classify: ${error.message}`);
        console.error('run `suara classify --help` for usage');
        return 2;
      }
      if (error instanceof ClassifierLoadError) {
        for (const issue of error.issues) console.error(`suara classify: ${issue}`);
        return 1;
      }
      console.error(`suara classify: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  },
};
