import { describe, expect, it } from 'vitest';
import type { StaffLabel } from '../../../src/classifier/export-staff-labels.js';
import { mergeStaffDecisions } from '../../../src/classifier/merge-staff-decisions.js';
import type { LabelledExample } from '../../../src/classifier/train-classifier.js';

const decision = (text: string, label: StaffLabel['label'], note = 'staff:X'): StaffLabel => ({
  text,
  label,
  lang: 'id',
  province: null,
  note,
});

const training: LabelledExample[] = [
  { text: 'sungai keruh krn limbah', label: 'environmental' },
  { text: 'dana CSR tdk sampai', label: 'revenue' },
];
const untouched: LabelledExample[] = [{ text: 'debu batubara masuk rumah', label: 'environmental' }];

describe('mergeStaffDecisions', () => {
  it('adds new texts with the staff label, scrubbed of phone numbers', () => {
    const merged = mergeStaffDecisions(
      training,
      [decision('tanah kami digusur, hubungi sy di 0812-3456-7890', 'licensing')],
      untouched,
    );
    expect(merged.added).toBe(1);
    const added = merged.examples.at(-1);
    expect(added?.label).toBe('licensing');
    expect(added?.text).toContain('tanah kami digusur');
    expect(added?.text).not.toMatch(/3456|7890/);
  });

  it('keeps one example per text, the latest decision winning, and relabels a training text', () => {
    const merged = mergeStaffDecisions(
      training,
      [
        decision('Pungli di jembatan!', 'other'),
        decision('pungli di jembatan', 'revenue'),
        decision('DANA CSR tdk sampai.', 'revenue'),
        decision('sungai keruh krn limbah', 'licensing'),
      ],
      untouched,
    );
    expect(merged).toMatchObject({ added: 1, relabelled: 1, duplicates: 2, heldBack: 0 });
    expect(merged.examples).toEqual([
      { text: 'sungai keruh krn limbah', label: 'licensing' },
      { text: 'dana CSR tdk sampai', label: 'revenue' },
      { text: 'pungli di jembatan', label: 'revenue' },
    ]);
  });

  it('never trains on a text of the evaluation sets', () => {
    const merged = mergeStaffDecisions(
      training,
      [decision('Debu batubara masuk rumah!!', 'other')],
      untouched,
    );
    expect(merged).toMatchObject({ added: 0, heldBack: 1 });
    expect(merged.examples).toEqual(training);
  });
});
