import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../src/classifier/create-classifier.js';
import { readKnowledge } from '../../../src/classifier/read-classifier-files.js';
import { serializeModel } from '../../../src/classifier/serialize-model.js';
import { type LabelledExample, trainClassifier } from '../../../src/classifier/train-classifier.js';

const EXAMPLES: LabelledExample[] = [
  { text: 'sungai keruh krn limbah tambang', label: 'environmental' },
  { text: 'debu batubara masuk rumah tiap hari', label: 'environmental' },
  { text: 'banjir lumpur dari bukit yg digunduli tambang', label: 'environmental' },
  { text: 'tambang emas tanpa izin di hulu', label: 'licensing' },
  { text: 'IUP perusahaan tumpang tindih dgn kebun warga', label: 'licensing' },
  { text: 'ganti rugi lahan blm dibayar, izinnya dari mana', label: 'licensing' },
  { text: 'dana CSR tdk pernah sampai ke desa', label: 'revenue' },
  { text: 'royalti dan DBH dipakai utk apa', label: 'revenue' },
  { text: 'pungli di jalan hauling tiap truk bayar', label: 'revenue' },
  { text: 'halo', label: 'other' },
  { text: 'listrik padam terus', label: 'other' },
  { text: 'tes', label: 'other' },
];

describe('trainClassifier', () => {
  it('is deterministic: the same data gives identical weights and file', async () => {
    const knowledge = await readKnowledge();
    const first = trainClassifier(EXAMPLES, knowledge, { calibrationFolds: 3, minCount: 1 });
    const second = trainClassifier(EXAMPLES, knowledge, { calibrationFolds: 3, minCount: 1 });
    expect(second).toEqual(first);
    expect(serializeModel(second)).toBe(serializeModel(first));
  });

  it('changes the weights when the seed changes', async () => {
    const knowledge = await readKnowledge();
    const first = trainClassifier(EXAMPLES, knowledge, { calibrationFolds: 3, minCount: 1, seed: 1 });
    const second = trainClassifier(EXAMPLES, knowledge, { calibrationFolds: 3, minCount: 1, seed: 2 });
    expect(second.weights).not.toEqual(first.weights);
  });

  it('produces a model whose scores form a distribution and whose evidence is readable', async () => {
    const knowledge = await readKnowledge();
    const model = trainClassifier(EXAMPLES, knowledge, { calibrationFolds: 3, minCount: 1 });
    const result = createClassifier({ ...knowledge, model })('air sungai tercemar limbah');
    expect(result.category).toBe('environmental');
    const total = Object.values(result.scores).reduce((sum, score) => sum + score, 0);
    expect(total).toBeCloseTo(1, 3);
    expect(result.confidence).toBe(result.scores.environmental);
    expect(result.evidence).toContain('limbah');
  });
});
