import type { Classify } from './classification.js';
import { createClassifier } from './create-classifier.js';
import type { Knowledge } from './create-featurizer.js';
import { classifierWarnings } from './load-classifier.js';
import type { ModelFile } from './model-schema.js';

/**
 * A `classify` over whatever knowledge `current` returns (the flow registry's parse of categories.yaml
 * and slang.yaml): rebuilt, and its warnings reported once, when a reload hands over new knowledge.
 */
export function createReloadableClassifier(
  current: () => Knowledge,
  model: ModelFile,
  warn: (message: string) => void,
): Classify {
  let built: { knowledge: Knowledge; classify: Classify } | undefined;
  return (text) => {
    const knowledge = current();
    if (built?.knowledge !== knowledge) {
      for (const warning of classifierWarnings(knowledge, model)) warn(warning);
      built = { knowledge, classify: createClassifier({ ...knowledge, model }) };
    }
    return built.classify(text);
  };
}
