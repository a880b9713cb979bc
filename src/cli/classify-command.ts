import { CLASSIFIER_DATA, readExamplesOrThrow } from '../classifier/classifier-data.js';
import { ClassifierLoadError } from '../classifier/classifier-load-error.js';
import { crossValidate } from '../classifier/cross-validate.js';
import { evaluatePredictions } from '../classifier/evaluate-predictions.js';
import { evaluateUntouched, readTrainingSplit, readUntouchedSets } from '../classifier/evaluate-untouched.js';
import { formatEvaluation } from '../classifier/format-evaluation.js';
import { loadClassifier } from '../classifier/load-classifier.js';
import { CLASSIFIER_FILES, readKnowledge, rootPath } from '../classifier/read-classifier-files.js';
import type { Command } from './command.js';
import { runClassifyTrain } from './run-classify-train.js';
import { runExportLabels } from './run-export-labels.js';

const CROSS_VALIDATION_FOLDS = 5;

const USAGE = `Usage:
  suara classify "<text>" [--json]      classify one message: decision, confidence, evidence
  suara classify eval                   the classifier's figures, each labelled for what it is:
                                        ${CROSS_VALIDATION_FOLDS}-fold cross-validation on the training split, then the
                                        committed model on the test split and on the hard cases
                                        (neither is ever trained or tuned on)
  suara classify eval <file.jsonl> [--folds <k>]
                                        accuracy, per-class precision/recall/F1, macro-F1, confusion
                                        matrix, confident precision and calibration error; with
                                        --folds, k-fold cross-validation (train on k-1 folds, test on
                                        the other)
  suara classify train [file.jsonl] [--out <model.json>] [--with-decisions]
                                        train the model (default data: ${CLASSIFIER_DATA.train},
                                        default output: ${CLASSIFIER_FILES.model}); temperature and
                                        menu-skipping threshold are fitted on held-out training folds.
                                        --with-decisions adds the secretariat's category decisions
                                        (DATABASE_URL), prints accuracy on the untouched sets before
                                        and after, and writes nothing if it got worse
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
      if (inline !== undefined || !['json', 'help', 'with-decisions'].includes(name))
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

async function runTrain(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ['out']);
  if (positional.length > 1) throw new UsageError('train takes at most one data file');
  const root = rootPath();
  return runClassifyTrain({
    root,
    file: positional[0] ?? root + CLASSIFIER_DATA.train,
    out: String(options.get('out') ?? root + CLASSIFIER_FILES.model),
    withDecisions: options.has('with-decisions'),
  });
}

/** The figures the README quotes: cross-validated on the training split, then on the untouched sets. */
async function runStandardEval(): Promise<number> {
  const root = rootPath();
  const [training, sets, knowledge, loaded] = await Promise.all([
    readTrainingSplit(root),
    readUntouchedSets(root),
    readKnowledge(root),
    loadClassifier(root),
  ]);
  for (const warning of loaded.warnings) console.error(`warning: ${warning}`);
  const predictions = crossValidate(training, knowledge, CROSS_VALIDATION_FOLDS);
  const sections = [
    formatEvaluation(
      evaluatePredictions(
        training.map((example) => example.label),
        predictions,
        loaded.threshold,
      ),
      `${CROSS_VALIDATION_FOLDS}-fold cross-validation on the training split (${CLASSIFIER_DATA.train}); the keywords were written with these messages in view, so this flatters`,
    ),
    ...evaluateUntouched(sets, loaded.classify, loaded.threshold).map(({ name, file, evaluation }) =>
      formatEvaluation(evaluation, `committed model on the ${name} (${file}), never trained or tuned on`),
    ),
  ];
  console.log(sections.join('\n\n'));
  return 0;
}

async function runEval(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ['folds']);
  const [file, ...extra] = positional;
  if (extra.length > 0) throw new UsageError('eval takes at most one labelled JSONL file');
  if (file === undefined) {
    if (options.has('folds')) throw new UsageError('--folds needs a labelled JSONL file');
    return runStandardEval();
  }
  const foldsOption = options.get('folds');
  const folds = foldsOption === undefined ? 0 : Number(foldsOption);
  if (foldsOption !== undefined && (!Number.isInteger(folds) || folds < 2)) {
    throw new UsageError('--folds must be an integer of at least 2');
  }
  // A bad data file is not a usage mistake: plain error, exit code 1.
  const examples = await readExamplesOrThrow(file);
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
