import { beforeAll, describe, expect, it } from 'vitest';
import { createGazetteer } from '../../../src/geo/create-gazetteer.js';
import { loadGazetteer } from '../../../src/geo/load-gazetteer.js';
import type { PlaceCandidate, PlaceDirectory } from '../../../src/geo/place-directory.js';

let places: PlaceDirectory;

beforeAll(async () => {
  places = (await loadGazetteer()).places;
});

const first = (query: string): PlaceCandidate | undefined => places.search(query)[0];
const codes = (results: readonly PlaceCandidate[]): string[] => results.map((c) => c.code);

describe('places.search — real gazetteer', () => {
  it('finds a regency by its citizens’ abbreviation', () => {
    expect(first('kukar')).toEqual({
      level: 'regency',
      code: '64.02',
      name: 'Kabupaten Kutai Kartanegara',
      provinceCode: '64',
      regencyCode: '64.02',
      districtCode: null,
      villageCode: null,
      label: 'Kutai Kartanegara, Kalimantan Timur',
    });
    expect(first('Kab. Kukar')?.code).toBe('64.02');
  });

  it('finds a regency by its official name, with or without "Kabupaten"', () => {
    expect(first('Kutai Kartanegara')?.code).toBe('64.02');
    expect(first('KABUPATEN KUTAI KARTANEGARA')?.code).toBe('64.02');
  });

  it('finds a district, exact match before the names it begins', () => {
    const results = places.search('tenggarong');
    expect(results[0]).toMatchObject({
      level: 'district',
      code: '64.02.06',
      regencyCode: '64.02',
      districtCode: '64.02.06',
      label: 'Tenggarong, Kutai Kartanegara, Kalimantan Timur',
    });
    expect(codes(results)).toContain('64.02.16'); // Tenggarong Seberang, by prefix
  });

  it('finds Konawe Utara, by name and by "Konut"', () => {
    expect(first('konawe utara')).toMatchObject({ code: '74.09', label: 'Konawe Utara, Sulawesi Tenggara' });
    expect(first('Konut')?.code).toBe('74.09');
  });

  it('finds a city and keeps "Kota" in its label', () => {
    expect(first('banda aceh')).toMatchObject({
      level: 'regency',
      code: '11.71',
      name: 'Kota Banda Aceh',
      label: 'Kota Banda Aceh, Aceh',
    });
  });

  it('puts exact matches first, then prefixes, coarser levels first among equals', () => {
    const results = places.search('samarinda');
    expect(results[0]?.code).toBe('64.72');
    expect(results.slice(1).every((c) => c.level !== 'regency' && c.name.startsWith('Samarinda'))).toBe(true);
    const levels = results.slice(1).map((c) => ['district', 'village'].indexOf(c.level));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  it('tolerates small typos, after exact and prefix matches', () => {
    expect(first('kutai kartanegra')?.code).toBe('64.02');
    expect(first('tengarong')?.code).toBe('64.02.06');
    expect(first('samarnda')?.code).toBe('64.72');
  });

  it('does not typo-match aliases', () => {
    expect(codes(places.search('kabar'))).not.toContain('64.07'); // "kubar"
  });

  it('reads a leading keyword as a level, but "Kota Bangun" as a district name', () => {
    expect(codes(places.search('kota bekasi'))).toEqual(['32.75']);
    expect(codes(places.search('bekasi')).slice(0, 2).sort()).toEqual(['32.16', '32.75']);
    expect(first('Kec. Tenggarong Seberang')?.code).toBe('64.02.16');
    expect(first('kota bangun')?.code).toBe('64.02.08');
    expect(first('gampong lampulo')).toMatchObject({ level: 'village', provinceCode: '11' });
  });

  it('narrows by the parts after a comma, so a pasted label finds its place', () => {
    const label = 'Tenggarong, Kutai Kartanegara, Kalimantan Timur';
    expect(first(label)?.code).toBe('64.02.06');
    const sangasanga = places.search('sanga sanga, kukar');
    expect(sangasanga.length).toBeGreaterThan(0);
    expect(sangasanga.every((c) => c.regencyCode === '64.02')).toBe(true);
  });

  it('restricts to the given provinces', () => {
    const everywhere = places.search('kota', { limit: 100 });
    expect(new Set(everywhere.map((c) => c.provinceCode)).size).toBeGreaterThan(3);
    const inAceh = places.search('kota', { limit: 100, provinceCodes: ['11'] });
    expect(inAceh.length).toBeGreaterThan(0);
    expect(inAceh.every((c) => c.provinceCode === '11')).toBe(true);
    expect(places.search('kutai kartanegara', { provinceCodes: ['11', '74'] })).toEqual([]);
    expect(first('konawe utara')?.code).toBe('74.09');
  });

  it('honours the limit, 20 by default', () => {
    expect(places.search('ka')).toHaveLength(20);
    expect(places.search('ka', { limit: 5 })).toHaveLength(5);
  });

  it.each(['', ' ', 'k', 'K.', ' , '])('returns nothing for %j', (query) => {
    expect(places.search(query)).toEqual([]);
  });
});

describe('places.describe and places.byCode', () => {
  it('names stored codes', () => {
    expect(
      places.describe({
        provinceCode: '64',
        regencyCode: '64.02',
        districtCode: '64.02.06',
        villageCode: null,
      }),
    ).toEqual({
      province: 'Kalimantan Timur',
      regency: 'Kabupaten Kutai Kartanegara',
      district: 'Tenggarong',
      village: null,
    });
  });

  it('returns null for unknown codes and codes of the wrong level', () => {
    expect(
      places.describe({
        provinceCode: '99',
        regencyCode: '64',
        districtCode: '64.02.99',
        villageCode: '64.02',
      }),
    ).toEqual({ province: null, regency: null, district: null, village: null });
  });

  it('round-trips every level: search → byCode → describe', () => {
    for (const query of ['kaltim', 'kukar', 'tenggarong', 'gampong lampulo']) {
      const found = first(query);
      expect(found).toBeDefined();
      if (!found) continue;
      expect(places.byCode(found.code)).toEqual(found);
      const names = places.describe(found);
      expect(names[found.level]).toBe(found.name);
    }
    const village = first('gampong lampulo');
    expect(village && places.byCode(village.villageCode ?? '')?.label).toMatch(/, Kota Banda Aceh, Aceh$/);
  });

  it('byCode returns null for an unknown code', () => {
    expect(places.byCode('64.99')).toBeNull();
    expect(places.byCode('')).toBeNull();
  });
});

describe('places on a small gazetteer', () => {
  const small = createGazetteer(
    {
      provinces: [{ code: '64', name: 'KALIMANTAN TIMUR' }],
      regencies: [{ code: '64.02', name: 'KABUPATEN KUTAI KARTANEGARA' }],
      districts: [{ code: '64.02.06', name: 'Tenggarong' }],
      villages: [{ code: '64.02.06.1001', name: 'Melayu' }],
    },
    { detailedProvinces: ['64'], aliases: { kukar: '64.02' } },
  ).places;

  it('builds labels from the data it is given', () => {
    expect(small.search('melayu')[0]?.label).toBe('Melayu, Tenggarong, Kutai Kartanegara, Kalimantan Timur');
    expect(small.byCode('64.02.06.1001')?.villageCode).toBe('64.02.06.1001');
  });
});
