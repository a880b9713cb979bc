import { CATEGORIES, type Category } from '../classifier/classification.js';
import type { LocalizedText } from './flow-schema.js';
import type { CategorySettings } from './flow-set.js';

// Used only until categories.yaml exists or when it lacks a label; lint reports the fallback.
const BUILT_IN_LABELS: Record<Category, LocalizedText> = {
  licensing: { id: 'Perizinan', en: 'Licensing' },
  environmental: { id: 'Lingkungan', en: 'Environment' },
  revenue: { id: 'Pendapatan', en: 'Revenue' },
  other: { id: 'Lainnya', en: 'Other' },
};
const BUILT_IN_THRESHOLD = 0.6;

/**
 * Category labels and the confidence threshold from flows/categories.yaml, which belongs to the
 * classifier and may be reshaped by it: this reads any layout where each category (as a map key or an
 * entry with `id`/`key`/`category`) carries `label: {id, en}`, and a top-level `confidence_threshold`.
 */
export function readCategorySettings(raw: unknown): { settings: CategorySettings; missing: string[] } {
  const labels: Partial<Record<Category, LocalizedText>> = {};
  const threshold =
    isRecord(raw) && typeof raw.confidence_threshold === 'number' ? raw.confidence_threshold : null;
  const container = isRecord(raw) ? (raw.categories ?? raw) : undefined;
  const entries: [string, unknown][] = Array.isArray(container)
    ? container.map((entry): [string, unknown] => [keyOf(entry), entry])
    : isRecord(container)
      ? Object.entries(container)
      : [];
  for (const [key, entry] of entries) {
    const category = CATEGORIES.find((c) => c === key);
    const label = isRecord(entry) ? entry.label : undefined;
    if (category && isRecord(label) && typeof label.id === 'string' && typeof label.en === 'string') {
      labels[category] = { id: label.id, en: label.en };
    }
  }
  const missing = CATEGORIES.filter((c) => !labels[c]).map((c) => `label of ${c}`);
  if (threshold === null) missing.push('confidence_threshold');
  return {
    settings: {
      labels: { ...BUILT_IN_LABELS, ...labels },
      confidenceThreshold: threshold ?? BUILT_IN_THRESHOLD,
      source: missing.length === 0 ? 'categories.yaml' : 'built-in',
    },
    missing,
  };
}

function keyOf(entry: unknown): string {
  if (!isRecord(entry)) return '';
  const key = entry.id ?? entry.key ?? entry.category ?? entry.name;
  return typeof key === 'string' ? key : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
