import type { Category, Classification, Classify } from '../../../../src/classifier/classification.js';
import type { LocationResolution, Region, ResolveLocation } from '../../../../src/geo/location-resolution.js';

// Small stand-ins so engine unit tests do not depend on the trained model or the national gazetteer.

const LEXICON: [Category, RegExp][] = [
  ['licensing', /\b(izin|iup|peti|ilegal|permit)\b/i],
  ['environmental', /\b(sungai|keruh|cemar|tercemar|banjir|river|polluted|debu)\b/i],
  ['revenue', /\b(royalti|pajak|csr|dbh|tax)\b/i],
];

/** Confident when one category's words appear; "agak" (somewhat) makes it unsure, for the menu path. */
export const standInClassify: Classify = (text) => {
  const hit = LEXICON.find(([, re]) => re.test(text));
  const category: Category = hit ? hit[0] : 'other';
  const confidence = !hit ? 0.4 : /\bagak\b/i.test(text) ? 0.5 : 0.92;
  const scores = { licensing: 0, environmental: 0, revenue: 0, other: 0, [category]: confidence };
  const result: Classification = { category, confidence, scores, evidence: hit ? [hit[1].source] : [] };
  return result;
};

const kaltim: Region = { code: '64', name: 'Kalimantan Timur', level: 'province' };
const kukar: Region = { code: '64.02', name: 'Kabupaten Kutai Kartanegara', level: 'regency' };
const samarinda: Region = { code: '64.72', name: 'Kota Samarinda', level: 'regency' };
const sukamaju = (code: string): Region => ({ code, name: 'Suka Maju', level: 'village' });

const PLACE_WORDS = /\b(sukamaju|kukar|kutai kartanegara|samarinda|kaltim)\b/gi;

export const standInResolveLocation: ResolveLocation = (text) => {
  const t = text.toLowerCase();
  // Like the gazetteer, report the words that named the place, as written.
  const named = text.match(PLACE_WORDS)?.join(', ');
  const withText = (r: LocationResolution): LocationResolution => (named ? { ...r, text: named } : r);
  if (t.includes('sukamaju') && t.includes('kukar')) {
    return withText({ province: kaltim, regency: kukar, village: sukamaju('64.02.16.2015') });
  }
  if (t.includes('sukamaju')) {
    return withText({
      ambiguous: { level: 'village', candidates: [sukamaju('64.02.16.2015'), sukamaju('74.04.28.2005')] },
    });
  }
  if (t.includes('kukar') || t.includes('kutai kartanegara'))
    return withText({ province: kaltim, regency: kukar });
  if (t.includes('samarinda')) return withText({ province: kaltim, regency: samarinda });
  if (t.includes('kaltim')) return withText({ province: kaltim });
  return {};
};
