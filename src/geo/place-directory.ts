import { editDistance } from './edit-distance.js';
import type { Region, RegionLevel } from './location-resolution.js';
import { ancestorCode, levelOfCode, type PlaceEntry, type PlaceIndex } from './place-index.js';
import { type PlaceKeyword, placeKeywords } from './place-keywords.js';
import { tokenizePlaceText } from './place-text.js';

/** One region as a search result, with its ancestors' codes and a readable path. */
export interface PlaceCandidate {
  level: RegionLevel;
  code: string;
  /** Official name as the gazetteer renders it ("Kabupaten Kutai Kartanegara", "Tenggarong"). */
  name: string;
  provinceCode: string;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  /** From the region up to its province, e.g. `Tenggarong, Kutai Kartanegara, Kalimantan Timur`. */
  label: string;
}

/** `{ provinceCode, regencyCode, districtCode, villageCode }`, as a report stores them. */
export type PlaceCodes = Record<`${RegionLevel}Code`, string | null>;

/** `{ province, regency, district, village }`: official names. */
export type PlaceNames = Record<RegionLevel, string | null>;

export interface PlaceSearchOptions {
  /** Defaults to 20. */
  limit?: number;
  /** Only regions inside these provinces. */
  provinceCodes?: readonly string[];
}

/**
 * Name ⇄ code lookups for staff screens. Districts and villages exist only for the gazetteer's
 * detailed provinces; elsewhere search finds provinces and regencies, and `describe` returns null
 * for deeper codes.
 */
export interface PlaceDirectory {
  /** Exact name/alias matches first, then names starting with the query, then typos; coarser levels first. */
  search(query: string, options?: PlaceSearchOptions): PlaceCandidate[];
  /** Official names for stored codes; null where a code is null, unknown or of the wrong level. */
  describe(codes: PlaceCodes): PlaceNames;
  byCode(code: string): PlaceCandidate | null;
}

const LEVELS: readonly RegionLevel[] = ['province', 'regency', 'district', 'village'];
const DEFAULT_LIMIT = 20;

/** How a region matched: tier 0 exact, 1 prefix, 2 within the typo budget. */
interface Hit {
  region: Region;
  tier: number;
  distance: number;
  length: number;
}

/** Built on the gazetteer's own index, so names, aliases and normalisation match what SMS parsing sees. */
export function createPlaceDirectory(index: PlaceIndex): PlaceDirectory {
  const keys = [...index.exact.keys()];

  const candidate = (region: Region): PlaceCandidate => {
    const depth = LEVELS.indexOf(region.level) + 1;
    const codeAt = (level: RegionLevel): string | null =>
      LEVELS.indexOf(level) < depth ? ancestorCode(region.code, level) : null;
    const path = LEVELS.slice(0, depth)
      .map((level) => index.regions.get(ancestorCode(region.code, level)))
      .flatMap((r) => (r ? [r.level === 'regency' ? r.name.replace(/^Kabupaten\s+/, '') : r.name] : []));
    return {
      level: region.level,
      code: region.code,
      name: region.name,
      provinceCode: ancestorCode(region.code, 'province'),
      regencyCode: codeAt('regency'),
      districtCode: codeAt('district'),
      villageCode: codeAt('village'),
      label: path.reverse().join(', '),
    };
  };

  /** Every region whose name or alias matches these words, best match per region. */
  const match = (words: readonly string[], keyword: PlaceKeyword | null): Map<string, Hit> => {
    const key = words.join('');
    const hits = new Map<string, Hit>();
    if (key.length < 2) return hits;
    for (const name of keys) {
      const tier = name === key ? 0 : name.startsWith(key) ? 1 : 2;
      let distance = 0;
      if (tier === 2) {
        const budget = allowedEdits(Math.min(key.length, name.length));
        if (budget === 0 || Math.abs(name.length - key.length) > budget) continue;
        distance = editDistance(key, name, budget);
        if (distance > budget) continue;
      }
      for (const entry of index.exact.get(name) ?? []) {
        // Aliases are short and one letter from ordinary words ("kubar"/"kabar"): never typo-matched.
        if ((tier === 2 && entry.alias) || !fitsKeyword(entry, keyword)) continue;
        keepBest(hits, { region: entry.region, tier, distance, length: name.length });
      }
    }
    return hits;
  };

  /** Reads "Kab. Kukar" both as a name and as a keyword plus name, and keeps each region's best match. */
  const matchPhrase = (words: readonly string[]): Hit[] => {
    const hits = match(words, null);
    const keyword = words.length > 1 ? placeKeywords.get(words[0] ?? '') : undefined;
    if (keyword && keyword.level !== 'any') {
      const rest = words.slice(1);
      let narrowed = match(rest, keyword);
      // "Desa Tenggarong" when only a district is called so: the keyword was a hint, not a rule.
      // Not when the words read whole name a place ("Kota Bangun" is a district, not "Bangun").
      if (narrowed.size === 0 && hits.size === 0) narrowed = match(rest, null);
      for (const hit of narrowed.values()) keepBest(hits, hit);
    }
    return [...hits.values()];
  };

  const search = (query: string, options: PlaceSearchOptions = {}): PlaceCandidate[] => {
    const limit = Math.floor(options.limit ?? DEFAULT_LIMIT);
    if (limit <= 0) return [];
    // "Tenggarong, Kukar" (or a pasted label): the first part is the place, later parts where it lies.
    const clauses = new Map<number, string[]>();
    for (const token of tokenizePlaceText(query)) {
      const words = clauses.get(token.clause);
      if (words) words.push(token.word);
      else clauses.set(token.clause, [token.word]);
    }
    const [first, ...context] = [...clauses.values()];
    if (!first) return [];
    let hits = matchPhrase(first);
    for (const words of context) {
      const within = bestTier(matchPhrase(words)).map((h) => `${h.region.code}.`);
      if (within.length > 0) hits = hits.filter((h) => within.some((c) => h.region.code.startsWith(c)));
    }
    const provinces = options.provinceCodes;
    if (provinces) hits = hits.filter((h) => provinces.includes(ancestorCode(h.region.code, 'province')));
    return hits
      .sort(compareHits)
      .slice(0, limit)
      .map((h) => candidate(h.region));
  };

  const nameAt = (code: string | null, level: RegionLevel): string | null => {
    if (code === null || levelOfCode(code) !== level) return null;
    return index.regions.get(code)?.name ?? null;
  };

  return {
    search,
    describe: (codes) => ({
      province: nameAt(codes.provinceCode, 'province'),
      regency: nameAt(codes.regencyCode, 'regency'),
      district: nameAt(codes.districtCode, 'district'),
      village: nameAt(codes.villageCode, 'village'),
    }),
    byCode: (code) => {
      const region = index.regions.get(code.trim());
      return region ? candidate(region) : null;
    },
  };
}

/** Same budget as SMS parsing: 1 edit from 5 letters, 2 from 9, none below. */
function allowedEdits(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** A level keyword ("Kab.", "Kota", "Desa", "Gampong") restricts the level, and for regencies the kind. */
function fitsKeyword(entry: PlaceEntry, keyword: PlaceKeyword | null): boolean {
  if (!keyword) return true;
  if (entry.region.level !== keyword.level) return false;
  if (keyword.level !== 'regency' || keyword.kind === null) return true;
  return /^kota\s/i.test(entry.region.name) === (keyword.kind === 'kota');
}

function compareHits(a: Hit, b: Hit): number {
  return (
    a.tier - b.tier ||
    a.distance - b.distance ||
    LEVELS.indexOf(a.region.level) - LEVELS.indexOf(b.region.level) ||
    a.length - b.length ||
    a.region.name.localeCompare(b.region.name) ||
    a.region.code.localeCompare(b.region.code)
  );
}

function keepBest(hits: Map<string, Hit>, hit: Hit): void {
  const previous = hits.get(hit.region.code);
  if (!previous || compareHits(hit, previous) < 0) hits.set(hit.region.code, hit);
}

function bestTier(hits: readonly Hit[]): Hit[] {
  const best = Math.min(...hits.map((h) => h.tier + h.distance));
  return hits.filter((h) => h.tier + h.distance === best);
}
