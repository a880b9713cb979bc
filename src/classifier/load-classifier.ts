import type { CategoriesFile } from './categories-schema.js';
import type { Classify } from './classification.js';
import { createClassifier } from './create-classifier.js';
import { type Knowledge, knowledgeFingerprint } from './create-featurizer.js';
import type { ModelFile } from './model-schema.js';
import { CLASSIFIER_FILES, readKnowledge, readModel, rootPath } from './read-classifier-files.js';
import type { SlangFile } from './slang-schema.js';

export interface LoadedClassifier {
  classify: Classify;
  /** Confidence at or above which the flow confirms the guess instead of showing the menu. */
  threshold: number;
  categories: CategoriesFile;
  slang: SlangFile;
  model: ModelFile;
  /** Non-fatal problems, e.g. a model trained before the keywords were edited. */
  warnings: string[];
}

/** Non-fatal mismatches between the knowledge files and the model trained on them. */
export function classifierWarnings(knowledge: Knowledge, model: ModelFile): string[] {
  const warnings: string[] = [];
  if (model.knowledgeFingerprint !== knowledgeFingerprint(knowledge)) {
    warnings.push(
      `${CLASSIFIER_FILES.model} was trained before the last edit of ${CLASSIFIER_FILES.categories} or ${CLASSIFIER_FILES.slang}; run \`suara classify train\``,
    );
  }
  if (knowledge.categories.confidence_threshold !== model.calibration.threshold) {
    warnings.push(
      `${CLASSIFIER_FILES.categories} sets confidence_threshold ${knowledge.categories.confidence_threshold}, but the threshold fitted at training is ${model.calibration.threshold}; guesses may skip the menu at another precision than measured`,
    );
  }
  return warnings;
}

/**
 * Reads flows/categories.yaml, flows/slang.yaml and models/classifier.json once, at start; the returned
 * `classify` does no I/O. Throws ClassifierLoadError naming the file, the path inside it and a hint.
 */
export async function loadClassifier(root?: string | URL): Promise<LoadedClassifier> {
  const dir = rootPath(root);
  const [knowledge, model] = await Promise.all([readKnowledge(dir), readModel(dir + CLASSIFIER_FILES.model)]);
  const warnings = classifierWarnings(knowledge, model);
  return {
    classify: createClassifier({ ...knowledge, model }),
    threshold: knowledge.categories.confidence_threshold,
    ...knowledge,
    model,
    warnings,
  };
}
