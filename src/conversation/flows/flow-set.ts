import type { Category } from '../../classifier/classification.js';
import type { Knowledge } from '../../classifier/create-featurizer.js';
import type { Flow, LocalizedText } from './flow-schema.js';
import type { KeywordsFile } from './keywords-schema.js';

/** Category labels and the classifier threshold, read from flows/categories.yaml (owned by the classifier). */
export interface CategorySettings {
  labels: Record<Category, LocalizedText>;
  /** At or above it the flow confirms the classifier's guess; below it the citizen picks from a menu. */
  confidenceThreshold: number;
  /** Where the values came from, so lint can say when built-in defaults are in use. */
  source: 'categories.yaml' | 'built-in';
}

/** Everything the engine needs from `flows/`: validated, cross-referenced, immutable once loaded. */
export interface FlowSet {
  flows: Readonly<Record<string, Flow>>;
  keywords: KeywordsFile;
  categories: CategorySettings;
  /**
   * categories.yaml and slang.yaml as parsed with these flows: the classifier is built from them, so a
   * reload of the flows folder reloads the classifier's keywords too. Null when either file is absent.
   */
  knowledge: Knowledge | null;
  /** Flow id → file name it was loaded from, for error messages. */
  files: Readonly<Record<string, string>>;
}
