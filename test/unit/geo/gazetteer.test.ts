import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../../src/geo/create-gazetteer.js';
import { loadGazetteer } from '../../../src/geo/load-gazetteer.js';
import type { LocationResolution } from '../../../src/geo/location-resolution.js';

let gazetteer: Gazetteer;

beforeAll(async () => {
  const started = performance.now();
  gazetteer = await loadGazetteer();
  const loadMs = performance.now() - started;
  console.info(`gazetteer load: ${loadMs.toFixed(0)} ms`);
  expect(loadMs).toBeLessThan(2000);
});

/** Codes only, so a failure shows at a glance which level went wrong. */
function codes(r: LocationResolution): Record<string, string | string[] | undefined> {
  return {
    province: r.province?.code,
    regency: r.regency?.code,
    district: r.district?.code,
    village: r.village?.code,
    ambiguous: r.ambiguous && [r.ambiguous.level, ...r.ambiguous.candidates.map((c) => c.code)],
  };
}
const at = (province?: string, regency?: string, district?: string, village?: string) => ({
  province,
  regency,
  district,
  village,
  ambiguous: undefined,
});

describe('resolveLocation — citizen texts', () => {
  it.each([
    ['tambang ilegal di gampong kami, sungai jadi keruh', at()],
    ['debu batubara di Tenggarong Seberang', at('64', '64.02', '64.02.16')],
    ['nikel di Konut', at('74', '74.09')],
    ['Kolaka Utara', at('74', '74.08')],
    ['kab. kutai timur', at('64', '64.08')],
    ['Kab Kutai Timur', at('64', '64.08')],
    ['kabupaten kutai timur', at('64', '64.08')],
    ['samarinda', at('64', '64.72')],
    ['kota kendari', at('74', '74.71')],
    ['SAMARINDA', at('64', '64.72')],
    ['tambang nikel di Konawe Utara ada yg tdk punya IUP', at('74', '74.09')],
    ['tambang ilegal di kawasan Tahura Samboja Kukar makin parah', at('64', '64.02', '64.02.13')],
    ['lubang bekas tambang di Samarinda makan korban lg', at('64', '64.72')],
    ['ada tambang batubara buka lahan 50 m dr SD di Samarinda Utara', at('64', '64.72', '64.72.05')],
    ['nikel di Pomalaa', at('74', '74.01', '74.01.07')],
    ['Aceh Besar', at('11', '11.06')],
    ['Banda Aceh', at('11', '11.71')],
    ['dana bagi hasil Kaltim', at('64')],
    ['Sultra', at('74')],
    ['CSR di Abdya', at('11', '11.12')],
    ['jalan rusak di Agara', at('11', '11.02')],
    ['Nagan Raya', at('11', '11.15')],
    ['Bombana', at('74', '74.06')],
    ['Kubar', at('64', '64.07')],
    ['Konsel', at('74', '74.05')],
    ['Kolut', at('74', '74.08')],
    ['Nickel companies in Southeast Sulawesi export so much ore', at('74')],
  ])('%j', (text, expected) => {
    expect(codes(gazetteer.resolveLocation(text))).toEqual(expected);
  });
});

describe('resolveLocation — spelling tolerance', () => {
  it.each([
    ['kutaikartanegara', at('64', '64.02')],
    ['kutai kartanegra', at('64', '64.02')],
    ['kutai kertanegara', at('64', '64.02')],
    ['tengarong sebrang', at('64', '64.02', '64.02.16')],
    ['di samarnda', at('64', '64.72')],
    ['kab kolaka utra', at('74', '74.08')],
    ['kukarrr', at('64', '64.02')],
    ['kabkukar', at('64', '64.02')],
    ['Kec.Tenggarong', at('64', '64.02', '64.02.06')],
    ['sangasanga', at('64', '64.02', '64.02.15')],
    ['Sanga-Sanga', at('64', '64.02', '64.02.15')],
  ])('%j', (text, expected) => {
    expect(codes(gazetteer.resolveLocation(text))).toEqual(expected);
  });

  it('does not correct a lone typo without a keyword in a complaint', () => {
    expect(codes(gazetteer.resolveLocation('samarnda'))).toEqual(at());
  });
});

describe('resolveLocation — false positives', () => {
  it.each([
    'PT Sungai Hitam Makmur tdk pernah siram jalan',
    'debu batubara masuk rumah, anak sy sdh 2x opname',
    'mau tanya harga batubara hari ini berapa',
    'banjir di desa kami',
    'lahan kami diserobot, tdk ada ganti rugi',
    'air sungai bau dan berbusa sejak perusahaan tambang buka',
    'lubang bekas tambang tdk ditutup',
    'debu tebal tiap hari dari truk',
    'Kades minta dana kompensasi, tdk jelas',
    'sungai di desa kami makmur jaya dulu, skrg keruh',
    'jalan baru ke tambang merusak kebun',
    'di pasar ada yg jual emas hasil tambang ilegal',
    'banjir bandang tiap hujan',
  ])('%j names no place', (text) => {
    expect(codes(gazetteer.resolveLocation(text))).toEqual(at());
  });

  it('keeps a company name from hiding the place after it', () => {
    expect(
      codes(gazetteer.resolveLocation('PT Sungai Hitam Makmur tdk siram jalan, debu di Tenggarong Seberang')),
    ).toEqual(at('64', '64.02', '64.02.16'));
  });

  it('counts an ordinary-word name when the level keyword says it is a place', () => {
    expect(gazetteer.resolveLocation('kota Batu').regency?.name).toBe('Kota Batu');
    expect(gazetteer.resolveLocation('Kabupaten Batu Bara').regency?.code).toBe('12.19');
  });

  it('counts an ordinary-word regency when its province is named too', () => {
    expect(codes(gazetteer.resolveLocation('Batang, Jateng'))).toEqual(at('33', '33.25'));
  });
});

describe('resolveLocation — ordinary words need evidence (issue 11)', () => {
  it.each([
    'jalan kami rusak parah',
    'rusak',
    'bukan',
    'tutup',
    'sudah tutup tapi masih bau',
    'banjir di damai',
    'Banjir Di Damai Dekat Sungai',
  ])('%j names no place, in a complaint or as an answer to "where?"', (text) => {
    expect(codes(gazetteer.resolveLocation(text))).toEqual(at());
    expect(codes(gazetteer.resolveLocationReply(text))).toEqual(at());
  });

  it('counts an everyday-word name written with a capital inside a sentence', () => {
    expect(codes(gazetteer.resolveLocation('banjir di Damai'))).toEqual(at('64', '64.07', '64.07.08'));
  });

  it('counts a name of several everyday words next to its regency', () => {
    const village = at('64', '64.08', '64.08.08', '64.08.08.2001');
    expect(codes(gazetteer.resolveLocation('rumah kami di makmur jaya, Kutim'))).toEqual(village);
    expect(codes(gazetteer.resolveLocation('rumah kami di makmur jaya'))).toEqual(at());
  });

  it('does not read one word as both a regency and a village of that name', () => {
    expect(codes(gazetteer.resolveLocation('banjir di Konawe'))).toEqual(at('74', '74.02'));
  });
});

describe('resolveLocation — regencies named in English word order', () => {
  it.each([
    ['banjir di North Konawe', at('74', '74.09')],
    ['South Konawe', at('74', '74.05')],
    ['north kolaka', at('74', '74.08')],
    ['East Kutai', at('64', '64.08')],
    ['West Kutai', at('64', '64.07')],
    ['Central Aceh', at('11', '11.04')],
    ['Southwest Aceh', at('11', '11.12')],
    ['Southeast Aceh', at('11', '11.02')],
    ['nickel mine in North Konawe', at('74', '74.09')],
  ])('%j', (text, expected) => {
    expect(codes(gazetteer.resolveLocation(text))).toEqual(expected);
    expect(codes(gazetteer.resolveLocationReply(text))).toEqual(expected);
  });
});

describe('resolveLocation — the words that named the place', () => {
  it.each([
    ['sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar', 'desa Loa Ipuh, Kukar'],
    ['di desa Sangasanga dekat sekolah, kukar', 'desa Sangasanga, kukar'],
    ['debu batubara di Tenggarong Seberang tiap hari', 'Tenggarong Seberang'],
    ['Kab. Kukar, kec Tenggarong', 'Kab. Kukar, kec Tenggarong'],
    ['tambang nikel bikin banjir lumpur di North Konawe', 'North Konawe'],
    ['kabkukar', 'kabkukar'],
  ])('%j → %j', (text, words) => {
    expect(gazetteer.resolveLocation(text).text).toBe(words);
  });

  it('has none when no place was named', () => {
    expect(
      gazetteer.resolveLocation('lubang tambang dibiarkan terbuka, anak tenggelam').text,
    ).toBeUndefined();
  });
});

describe('resolveLocation — hierarchy and ambiguity', () => {
  it('reports a district name found in two regencies as ambiguous, keeping the shared province', () => {
    expect(codes(gazetteer.resolveLocationReply('Jeumpa'))).toEqual({
      ...at('11'),
      ambiguous: ['district', '11.11.04', '11.12.08'],
    });
  });

  it('uses a named regency to settle an ambiguous district', () => {
    expect(codes(gazetteer.resolveLocation('kec jeumpa, bireuen'))).toEqual(at('11', '11.11', '11.11.04'));
    expect(codes(gazetteer.resolveLocation('kec Jeumpa Abdya'))).toEqual(at('11', '11.12', '11.12.08'));
  });

  it('reports Kota and Kabupaten of the same name as ambiguous unless one is named', () => {
    expect(codes(gazetteer.resolveLocation('di Bekasi'))).toEqual({
      ...at('32'),
      ambiguous: ['regency', '32.16', '32.75'],
    });
    expect(codes(gazetteer.resolveLocation('kota bekasi'))).toEqual(at('32', '32.75'));
    expect(codes(gazetteer.resolveLocation('kab bekasi'))).toEqual(at('32', '32.16'));
  });

  it('reports two different regencies as ambiguous', () => {
    expect(codes(gazetteer.resolveLocation('tambang di kolaka dan konut'))).toEqual({
      ...at('74'),
      ambiguous: ['regency', '74.01', '74.09'],
    });
  });

  it('resolves a unique village to all levels', () => {
    const r = gazetteer.resolveLocation('desa Sanga-Sanga Dalam');
    expect(codes(r)).toEqual(at('64', '64.02', '64.02.15', '64.02.15.1003'));
    expect(r.village).toEqual({ code: '64.02.15.1003', name: 'Sanga-Sanga Dalam', level: 'village' });
  });

  it('lists every village of a keyworded common name, and narrows with the regency', () => {
    const r = gazetteer.resolveLocation('desa baru');
    expect(r.ambiguous?.level).toBe('village');
    expect(r.ambiguous?.candidates.length).toBeGreaterThan(1);
    expect(codes(gazetteer.resolveLocation('desa baru, kec jeumpa, abdya'))).toEqual(
      at('11', '11.12', '11.12.08', '11.12.08.2001'),
    );
  });

  it('drops a lower-level name that does not lie in the named regency', () => {
    expect(codes(gazetteer.resolveLocation('desa baru, kec jeumpa, bireuen'))).toEqual(
      at('11', '11.11', '11.11.04'),
    );
  });

  it('title-cases official names', () => {
    const r = gazetteer.resolveLocation('kukar');
    expect(r.province).toEqual({ code: '64', name: 'Kalimantan Timur', level: 'province' });
    expect(r.regency).toEqual({ code: '64.02', name: 'Kabupaten Kutai Kartanegara', level: 'regency' });
    expect(gazetteer.region('31')?.name).toBe('DKI Jakarta');
  });
});

describe('resolveLocationReply — answers to "where?"', () => {
  it.each([
    ['Kukar', at('64', '64.02')],
    ['samarinda', at('64', '64.72')],
    ['desa Sangasanga, kukar', at('64', '64.02', '64.02.15')],
    ['samarnda', at('64', '64.72')],
    ['kendri', at('74', '74.71')],
    ['Sangatta', at('64', '64.08')],
    ['Pendingin', at('64', '64.02', '64.02.15', '64.02.15.1002')],
    ['tidak tahu', at()],
    ['ya', at()],
  ])('%j', (text, expected) => {
    expect(codes(gazetteer.resolveLocationReply(text))).toEqual(expected);
  });

  it('reads a long reply as cautiously as a complaint', () => {
    expect(codes(gazetteer.resolveLocationReply('debu batubara di Tenggarong Seberang'))).toEqual(
      at('64', '64.02', '64.02.16'),
    );
    expect(codes(gazetteer.resolveLocationReply('PT Sungai Hitam Makmur tdk pernah siram jalan'))).toEqual(
      at(),
    );
  });
});

describe('performance', () => {
  it('resolves a typical SMS in a few milliseconds', () => {
    const texts = [
      'tambang ilegal di gampong kami, sungai jadi keruh',
      'PT Sungai Hitam Makmur tdk pernah siram jalan, debu pekat di Tenggarong Seberang',
      'ada tambang batubara buka lahan 50 m dr SD di Samarinda Utara. apa boleh dikasih izin sedekat itu dgn sekolah?',
      'nikel di Konut',
    ];
    const rounds = 100;
    const started = performance.now();
    for (let i = 0; i < rounds; i += 1) for (const text of texts) gazetteer.resolveLocation(text);
    const perCall = (performance.now() - started) / (rounds * texts.length);
    console.info(`gazetteer resolveLocation: ${perCall.toFixed(3)} ms per call`);
    expect(perCall).toBeLessThan(20);
  });
});
