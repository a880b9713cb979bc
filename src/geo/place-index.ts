import { englishWordOrder } from './english-word-order.js';
import { isEverydayWord } from './is-everyday-word.js';
import type { Region, RegionLevel } from './location-resolution.js';
import { compactPlaceName, tokenizePlaceText } from './place-text.js';

/** One row of the official region lists: `code` is hierarchical (`64.02.15.1003`), `name` as published. */
export interface RegionRow {
  code: string;
  name: string;
}

export interface GazetteerData {
  provinces: readonly RegionRow[];
  regencies: readonly RegionRow[];
  districts: readonly RegionRow[];
  villages: readonly RegionRow[];
}

export interface PlaceEntry {
  region: Region;
  /** Regencies only: "Kota Bekasi" and "Kabupaten Bekasi" share a name, the keyword tells them apart. */
  kind: 'kabupaten' | 'kota' | null;
  /** Every word of the name is an everyday word, so it needs a level keyword to count. */
  common: boolean;
  /** Number of words in the name as written. */
  words: number;
  alias: boolean;
}

export interface PlaceIndex {
  exact: ReadonlyMap<string, readonly PlaceEntry[]>;
  /** Official names (not aliases) grouped by word count, length and first letter; and the same with the last letter. */
  byStart: ReadonlyMap<string, readonly string[]>;
  byEnd: ReadonlyMap<string, readonly string[]>;
  /** The words of each official name, for comparing typed words one by one. */
  nameWords: ReadonlyMap<string, readonly string[]>;
  /** Which letters each official name contains (see letterMask): a quick bound before an edit distance. */
  letterMasks: ReadonlyMap<string, number>;
  wordCounts: readonly number[];
  regions: ReadonlyMap<string, Region>;
  maxWords: number;
}

const LEVEL_BY_DEPTH: readonly RegionLevel[] = ['province', 'regency', 'district', 'village'];

export function levelOfCode(code: string): RegionLevel | undefined {
  return LEVEL_BY_DEPTH[code.split('.').length - 1];
}

/** `64.02.15.1003` at level regency → `64.02`. */
export function ancestorCode(code: string, level: RegionLevel): string {
  return code
    .split('.')
    .slice(0, LEVEL_BY_DEPTH.indexOf(level) + 1)
    .join('.');
}

/**
 * Builds the lookup tables. Provinces and regencies are indexed nationwide (a citizen may name a
 * place outside the programme, and it must not be mistaken for a village inside it); districts
 * and villages only in `detailedProvinces`, which keeps memory small and false matches rare.
 */
export function buildPlaceIndex(
  data: GazetteerData,
  detailedProvinces: readonly string[],
  aliases: Readonly<Record<string, string>>,
): PlaceIndex {
  const exact = new Map<string, PlaceEntry[]>();
  const regions = new Map<string, Region>();
  const nameWords = new Map<string, string[]>();
  let maxWords = 1;
  const inScope = (code: string): boolean => detailedProvinces.includes(ancestorCode(code, 'province'));

  const add = (key: string, entry: PlaceEntry): void => {
    if (key === '') return;
    const list = exact.get(key);
    if (list) list.push(entry);
    else exact.set(key, [entry]);
    if (entry.words > maxWords) maxWords = entry.words;
  };
  const addRegion = (row: RegionRow, level: RegionLevel): void => {
    let searchName = row.name;
    let kind: PlaceEntry['kind'] = null;
    let displayName = row.name.trim();
    if (level === 'province' || level === 'regency') {
      const match = /^(kabupaten|kota)\s+(.*)$/i.exec(row.name.trim());
      if (level === 'regency' && match?.[1] && match[2]) {
        kind = match[1].toLowerCase() === 'kota' ? 'kota' : 'kabupaten';
        searchName = match[2];
      }
      displayName = titleCase(row.name);
    }
    const region: Region = { code: row.code, name: displayName, level };
    regions.set(row.code, region);
    const words = tokenizePlaceText(searchName).map((t) => t.word);
    const key = words.join('');
    nameWords.set(key, words);
    add(key, {
      region,
      kind,
      common: isEverydayWord(key) || words.every(isEverydayWord),
      words: words.length,
      alias: false,
    });
    // "North Konawe" is how an English message names Konawe Utara; matched exactly, like an alias.
    const english = level === 'province' || level === 'regency' ? englishWordOrder(words) : null;
    if (english) add(english.join(''), { region, kind, common: false, words: english.length, alias: true });
  };

  for (const row of data.provinces) addRegion(row, 'province');
  for (const row of data.regencies) addRegion(row, 'regency');
  for (const row of data.districts) if (inScope(row.code)) addRegion(row, 'district');
  for (const row of data.villages) if (inScope(row.code)) addRegion(row, 'village');

  for (const [alias, code] of Object.entries(aliases)) {
    const region = regions.get(code);
    if (!region) throw new Error(`place alias "${alias}" points to unknown region code ${code}`);
    add(compactPlaceName(alias), {
      region,
      kind: null,
      common: false,
      words: alias.split(' ').length,
      alias: true,
    });
  }

  const byStart = new Map<string, string[]>();
  const byEnd = new Map<string, string[]>();
  const wordCounts = new Set<number>();
  const letterMasks = new Map<string, number>();
  for (const [key, words] of nameWords) {
    wordCounts.add(words.length);
    letterMasks.set(key, letterMask(key));
    push(byStart, `${words.length}|${key.length}${key[0]}`, key);
    push(byEnd, `${words.length}|${key.length}${key.at(-1)}`, key);
  }
  return {
    exact,
    byStart,
    byEnd,
    nameWords,
    letterMasks,
    wordCounts: [...wordCounts],
    regions,
    maxWords,
  };
}

/**
 * One bit per letter a–z the text contains (anything else shares a 27th bit). An edit changes at most
 * two bits (a substitution may drop one letter and bring another), so two texts whose masks differ in
 * more than 2·k bits are more than k edits apart.
 */
export function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i += 1) {
    const letter = text.charCodeAt(i) - 97;
    mask |= letter >= 0 && letter < 26 ? 1 << letter : 1 << 26;
  }
  return mask;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const ACRONYMS = new Set(['dki', 'di']);

/** The official lists spell provinces and regencies in capitals; SMS replies read better in title case. */
function titleCase(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}
