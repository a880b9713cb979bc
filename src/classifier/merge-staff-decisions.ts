import { scrubPersonalData } from '../exports/scrub-personal-data.js';
import type { StaffLabel } from './export-staff-labels.js';
import type { LabelledExample } from './train-classifier.js';

export interface MergedDecisions {
  examples: LabelledExample[];
  /** Staff decisions that became new training examples. */
  added: number;
  /** Staff decisions on a text already in the training data: the staff label replaces the old one. */
  relabelled: number;
  /** Staff decisions whose text was already there with the same label, or repeated among the decisions. */
  duplicates: number;
  /** Staff decisions on a text of an evaluation set, left out so those sets stay untouched. */
  heldBack: number;
}

/** Case, spacing and punctuation do not make a message new. */
const key = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The training data plus the secretariat's category decisions: the citizen's own words with personal
 * numbers, e-mail addresses and links scrubbed, one example per distinct text (the latest decision wins).
 * `decisions` come oldest first, as exportStaffLabels returns them.
 */
export function mergeStaffDecisions(
  training: readonly LabelledExample[],
  decisions: readonly StaffLabel[],
  untouched: readonly LabelledExample[],
): MergedDecisions {
  const evaluationTexts = new Set(untouched.map((example) => key(example.text)));
  const byText = new Map(training.map((example) => [key(example.text), example]));
  const fromStaff = new Map<string, LabelledExample>();
  let heldBack = 0;
  let empty = 0;
  for (const decision of decisions) {
    const text = scrubPersonalData(decision.text).trim();
    const textKey = key(text);
    if (textKey === '') {
      empty += 1;
      continue;
    }
    if (evaluationTexts.has(textKey)) {
      heldBack += 1;
      continue;
    }
    fromStaff.delete(textKey);
    fromStaff.set(textKey, { text, label: decision.label });
  }
  let added = 0;
  let relabelled = 0;
  for (const [textKey, example] of fromStaff) {
    const existing = byText.get(textKey);
    if (existing === undefined) added += 1;
    else if (existing.label !== example.label) relabelled += 1;
    byText.set(textKey, existing === undefined ? example : { ...existing, label: example.label });
  }
  return {
    examples: [...byText.values()],
    added,
    relabelled,
    duplicates: decisions.length - empty - heldBack - added - relabelled,
    heldBack,
  };
}
