import { describe, expect, it } from 'vitest';
import { createGazetteer } from '../../../src/geo/create-gazetteer.js';
import { editDistance } from '../../../src/geo/edit-distance.js';
import type { GazetteerData } from '../../../src/geo/place-index.js';
import { tokenizePlaceText } from '../../../src/geo/place-text.js';

// Real codes, so the aliases file (which must point at known codes) validates against it.
const data: GazetteerData = {
  provinces: [
    { code: '11', name: 'ACEH' },
    { code: '64', name: 'KALIMANTAN TIMUR' },
    { code: '74', name: 'SULAWESI TENGGARA' },
    { code: '63', name: 'KALIMANTAN SELATAN' },
  ],
  regencies: [
    { code: '64.02', name: 'KABUPATEN KUTAI KARTANEGARA' },
    { code: '63.03', name: 'KABUPATEN BANJAR' },
  ],
  districts: [
    { code: '64.02.06', name: 'Tenggarong' },
    { code: '63.03.01', name: 'Martapura' },
  ],
  villages: [],
};

describe('createGazetteer', () => {
  it('fails fast when an alias points at a code missing from the data', () => {
    expect(() => createGazetteer(data)).toThrow(/place alias ".+" points to unknown region code/);
  });

  const small = createGazetteer(data, { detailedProvinces: ['64'], aliases: { kukar: '64.02' } });

  it('indexes districts only in the detailed provinces', () => {
    expect(small.resolveLocation('di Tenggarong').district?.code).toBe('64.02.06');
    expect(small.resolveLocation('di Martapura').district).toBeUndefined();
    expect(
      createGazetteer(data, { detailedProvinces: ['63'], aliases: {} }).resolveLocation('di Martapura')
        .district?.code,
    ).toBe('63.03.01');
  });

  it('uses the aliases it is given', () => {
    expect(small.resolveLocation('Kukar').regency?.code).toBe('64.02');
  });

  it('never corrects an everyday word into a region', () => {
    expect(small.resolveLocation('banjir di kampung').regency).toBeUndefined();
    expect(small.resolveLocation('kab banjar').regency?.code).toBe('63.03');
  });
});

describe('tokenizePlaceText', () => {
  it('splits on punctuation and hyphens, strips accents, keeps "Kab." with its name', () => {
    expect(tokenizePlaceText('Kab. Kutai-Barat, Désa X').map((t) => [t.word, t.clause])).toEqual([
      ['kab', 0],
      ['kutai', 0],
      ['barat', 0],
      ['desa', 1],
      ['x', 1],
    ]);
  });

  it('shrinks stretched letters', () => {
    expect(tokenizePlaceText('tolonggg KUKARRR').map((t) => t.word)).toEqual(['tolong', 'kukar']);
  });

  it('keeps where each word stands in the original text, accents and apostrophes included', () => {
    const text = "Désa Ra'as, Kukar";
    expect(tokenizePlaceText(text).map((t) => [t.word, text.slice(t.from, t.to)])).toEqual([
      ['desa', 'Désa'],
      ['raas', "Ra'as"],
      ['kukar', 'Kukar'],
    ]);
  });

  it('marks a capitalised word as a name only inside a sentence, and not in Title Case or CAPS messages', () => {
    const capitals = (text: string) => tokenizePlaceText(text).map((t) => t.capitalized);
    expect(capitals('Banjir di Damai. Sungai keruh')).toEqual([false, false, true, false, false]);
    expect(capitals('Banjir Di Damai Dekat Sungai')).toEqual([false, false, false, false, false]);
    expect(capitals('banjir di DAMAI')).toEqual([false, false, false]);
  });
});

describe('editDistance', () => {
  it.each([
    ['samarinda', 'samarinda', 0],
    ['samarnda', 'samarinda', 1],
    ['kukra', 'kukar', 1],
    ['tengarong', 'tenggarong', 1],
    ['kendri', 'kendari', 1],
    ['abc', 'xyz', 3],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b, 3)).toBe(d);
  });

  it('stops at max + 1', () => {
    expect(editDistance('lahan', 'kalimantan', 1)).toBe(2);
  });
});
