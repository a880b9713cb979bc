import type { CategoriesFile } from '../../classifier/categories-schema.js';
import type { Category } from '../../classifier/classification.js';
import type { LocalizedText } from './flow-schema.js';
import type { CategorySettings } from './flow-set.js';

// Only for a flow set without categories.yaml: engine tests with a stand-in classifier, lint of a partial
// folder. The conversation runtime refuses such a folder, so a deployment has one threshold: the file's.
const BUILT_IN_LABELS: Record<Category, LocalizedText> = {
  licensing: { id: 'Perizinan', en: 'Licensing' },
  environmental: { id: 'Lingkungan', en: 'Environment' },
  revenue: { id: 'Pendapatan', en: 'Revenue' },
  other: { id: 'Lainnya', en: 'Other' },
};
const BUILT_IN_THRESHOLD = 0.6;

/**
 * Category labels and the confidence threshold from flows/categories.yaml, already validated with the
 * classifier's schema (the classifier owns the file; its threshold has no second default here).
 */
export function readCategorySettings(categories: CategoriesFile | undefined): CategorySettings {
  if (categories === undefined) {
    return { labels: BUILT_IN_LABELS, confidenceThreshold: BUILT_IN_THRESHOLD, source: 'built-in' };
  }
  const label = (category: Category): LocalizedText => ({ ...categories.categories[category].label });
  const labels = {
    licensing: label('licensing'),
    environmental: label('environmental'),
    revenue: label('revenue'),
    other: label('other'),
  };
  return { labels, confidenceThreshold: categories.confidence_threshold, source: 'categories.yaml' };
}
