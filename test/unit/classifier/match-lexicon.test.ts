import { describe, expect, it } from 'vitest';
import type { CategoriesFile } from '../../../src/classifier/categories-schema.js';
import { createFeaturizer } from '../../../src/classifier/create-featurizer.js';
import type { SlangFile } from '../../../src/classifier/slang-schema.js';

const label = { id: 'x', en: 'x' };
const categories: CategoriesFile = {
  confidence_threshold: 0.6,
  categories: {
    licensing: { label, description: label, keywords: { izin: 2, 'tanpa izin': 4, 'permit*': 3 } },
    environmental: {
      label,
      description: label,
      keywords: { tambang: 0.5, 'lubang bekas tambang': 3, 'bekas tambang': 1 },
    },
    revenue: { label, description: label, keywords: { 'dana bagi hasil': 4 } },
    other: { label, description: label, keywords: { halo: 2 } },
  },
};
const slang: SlangFile = {
  words: { tdk: 'tidak' },
  phrases: { 'tidak ada izin': 'tanpa izin' },
  polite_izin: [],
  places: [],
  negators: ['bukan'],
  negation_breakers: [],
  contrast: [],
  emphasis: [],
  roots: [],
};
const lexicon = (text: string) => createFeaturizer({ categories, slang })(text).lexicon;

describe('lexicon phrases', () => {
  it('matches a phrase and lets its words not count again on their own', () => {
    const result = lexicon('ada tambang tanpa izin');
    expect(result.hits.map((hit) => hit.term)).toEqual(['tanpa izin', 'tambang']);
    expect(result.scores.licensing).toBe(4);
  });

  it('prefers the longest phrase', () => {
    const result = lexicon('lubang bekas tambang');
    expect(result.hits.map((hit) => hit.term)).toEqual(['lubang bekas tambang']);
    expect(result.scores.environmental).toBe(3);
  });

  it('matches phrases written with slang after rewriting', () => {
    expect(lexicon('tdk ada izin').scores.licensing).toBe(4);
  });

  it('matches affixed forms of phrase words', () => {
    expect(lexicon('dana bagi hasilnya').scores.revenue).toBe(4);
  });

  it('matches "*" terms as word prefixes', () => {
    expect(lexicon('no permits here').hits.map((hit) => hit.term)).toEqual(['permit*']);
  });

  it('counts a repeated keyword once', () => {
    expect(lexicon('halo halo halo').scores.other).toBe(2);
  });

  it('ignores a phrase that starts inside a negation', () => {
    const result = lexicon('bukan lubang bekas tambang');
    expect(result.scores.environmental).toBe(0);
    expect(result.denied).toEqual(['lubang bekas tambang']);
  });
});
