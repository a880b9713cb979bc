import type { RegionLevel } from './location-resolution.js';

export interface PlaceKeyword {
  /** `any` for words that announce a place without saying which kind ("di", "dekat"). */
  level: RegionLevel | 'any';
  kind: 'kabupaten' | 'kota' | null;
}

const kw = (level: PlaceKeyword['level'], kind: PlaceKeyword['kind'] = null): PlaceKeyword => ({
  level,
  kind,
});

/** Words that introduce a place name, including the abbreviations and Acehnese forms used in SMS. */
export const placeKeywords: ReadonlyMap<string, PlaceKeyword> = new Map([
  ['prov', kw('province')],
  ['provinsi', kw('province')],
  ['propinsi', kw('province')],
  ['kab', kw('regency', 'kabupaten')],
  ['kabupaten', kw('regency', 'kabupaten')],
  ['kabupatn', kw('regency', 'kabupaten')],
  ['kota', kw('regency', 'kota')],
  ['kec', kw('district')],
  ['kecamatan', kw('district')],
  ['kecamatn', kw('district')],
  ['desa', kw('village')],
  ['ds', kw('village')],
  ['kel', kw('village')],
  ['kelurahan', kw('village')],
  ['gampong', kw('village')],
  ['gampoeng', kw('village')],
  ['gp', kw('village')],
  ['kampung', kw('village')],
  ['kampong', kw('village')],
  ['kp', kw('village')],
  ['di', kw('any')],
  ['dari', kw('any')],
  ['dr', kw('any')],
  ['dekat', kw('any')],
  ['dkt', kw('any')],
  ['sekitar', kw('any')],
  ['daerah', kw('any')],
  ['wilayah', kw('any')],
  ['kawasan', kw('any')],
  ['lokasi', kw('any')],
  ['lokasinya', kw('any')],
  ['in', kw('any')],
  ['near', kw('any')],
  ['at', kw('any')],
]);

/** Keywords that may be glued to the name in SMS ("kabkukar", "desasangasanga", "dikukar"). */
export const gluedKeywordPrefixes: readonly string[] = [
  'kabupaten',
  'kecamatan',
  'kelurahan',
  'provinsi',
  'desa',
  'kota',
  'kab',
  'kec',
  'di',
];

/** Never the start, end or inside of a typo-corrected place name. */
export const functionWords: ReadonlySet<string> = new Set(
  `di ke dari dr dan yg yang ini itu ada dengan dgn untuk utk sama kami kmi kita saya sy pak bpk bu ibu juga
   jadi sudah sdh udah udh belum blm tidak tdk ga gak nggak karena krn atau tapi oleh pada akan bisa mau sangat
   sekali makin semakin tolong tlg mohon mhn pt cv tbk the of and in near at to from is are our we my not no`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Words after which the next few words are a company name, not a place ("PT Sungai Hitam Makmur"). */
export const companyMarkers: ReadonlySet<string> = new Set(['pt', 'cv', 'tbk', 'koperasi', 'kud']);
