import type { CategoriesFile } from './categories-schema.js';
import type { Classify } from './classification.js';
import { createClassifier } from './create-classifier.js';
import { knowledgeFingerprint } from './create-featurizer.js';
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

/**
 * Reads flows/categories.yaml, flows/slang.yaml and models/classifier.json once, at start; the returned
 * `classify` does no I/O. Throws ClassifierLoadError naming the file, the path inside it and a hint.
 */
export async function loadClassifier(root?: string | URL): Promise<LoadedClassifier> {
  const dir = rootPath(root);
  const [knowledge, model] = await Promise.all([readKnowledge(dir), readModel(dir + CLASSIFIER_FILES.model)]);
  const warnings: string[] = [];
  if (model.knowledgeFingerprint !== knowledgeFingerprint(knowledge)) {
    warnings.push(
      `${CLASSIFIER_FILES.model} was trained before the last edit of ${CLASSIFIER_FILES.categories} or ${CLASSIFIER_FILES.slang}; run \`suara classify train\``,
    );
  }
  return {
    classify: createClassifier({ ...knowledge, model }),
    threshold: knowledge.categories.confidence_threshold,
    ...knowledge,
    model,
    warnings,
  };
}
