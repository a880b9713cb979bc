import { beforeAll, describe, expect, it } from 'vitest';
import type { Classify } from '../../../src/classifier/classification.js';
import { createFeaturizer, type Featurize } from '../../../src/classifier/create-featurizer.js';
import { loadClassifier } from '../../../src/classifier/load-classifier.js';

let featurize: Featurize;
let classify: Classify;

beforeAll(async () => {
  const loaded = await loadClassifier();
  featurize = createFeaturizer(loaded);
  classify = loaded.classify;
});

describe('negation', () => {
  it('does not count a keyword the writer denies', () => {
    const { lexicon } = featurize('bukan soal limbah, tapi izinnya');
    expect(lexicon.scores.environmental).toBe(0);
    expect(lexicon.denied).toContain('limbah');
    expect(lexicon.scores.licensing).toBeGreaterThan(0);
    expect(classify('bukan soal limbah, tapi izinnya yg kami pertanyakan').category).toBe('licensing');
  });

  it('ends the negation at a comma', () => {
    const { lexicon } = featurize('bukan krn itu, debu makin parah');
    expect(lexicon.scores.environmental).toBeGreaterThan(0);
  });

  it('reads "bukan cuma" as "not only"', () => {
    const { lexicon } = featurize('bukan cuma limbah');
    expect(lexicon.denied).toEqual([]);
    expect(lexicon.scores.environmental).toBeGreaterThan(0);
  });

  it('keeps "tidak ada izin" as evidence of unpermitted mining', () => {
    expect(featurize('tambang emas tdk ada izin').lexicon.hits.map((hit) => hit.term)).toContain(
      'tanpa izin',
    );
  });

  it('treats an explicit "not because of mining" as other', () => {
    expect(classify('jalan rusak krn longsor biasa, bukan krn tambang, mohon dinas PU turun').category).toBe(
      'other',
    );
  });
});

describe('main point after "tapi" or "yang paling penting"', () => {
  it('weighs what follows the contrast above what precedes it', () => {
    const { normalized } = featurize('uang CSR gk jelas, tp yg paling parah debu');
    expect(normalized.weights[0]).toBeLessThan(1);
    expect(normalized.weights.at(-1)).toBeGreaterThan(1);
    expect(
      classify('uang CSR gk jelas, tp yg paling parah debu batubara tiap hari masuk rumah').category,
    ).toBe('environmental');
  });
});
