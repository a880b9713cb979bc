import type { PlaceMention } from './find-place-mentions.js';
import type { LocationResolution, Region, RegionLevel } from './location-resolution.js';
import type { PlaceEntry } from './place-index.js';
import { ancestorCode } from './place-index.js';

const LEVELS: readonly RegionLevel[] = ['province', 'regency', 'district', 'village'];
type Sets = Map<RegionLevel, Region[]>;

/**
 * Turns the mentions found in one text into a single location: picks non-overlapping mentions
 * (longest, closest match first), then lets every named level narrow the others — a named
 * province or regency disambiguates a district, a unique district implies its regency and
 * province. A level still matching several regions is reported as `ambiguous` so the
 * conversation can ask, rather than guessing.
 */
export function resolvePlaceMentions(
  mentions: readonly PlaceMention[],
  regions: ReadonlyMap<string, Region>,
): { resolution: LocationResolution; used: PlaceMention[] } {
  const chosen = pickNonOverlapping(mentions);
  const sets: Sets = new Map();
  const named = new Set<RegionLevel>();
  const readings = new Map<PlaceMention, Region[]>();
  for (const mention of chosen) {
    const regionsNamed = readingOf(mention, mention.strong);
    const level = regionsNamed[0]?.level;
    if (!level) continue;
    readings.set(mention, regionsNamed);
    sets.set(level, union(sets.get(level) ?? [], regionsNamed));
    named.add(level);
  }
  settle(sets, regions);

  // Weak readings only fill a level nothing else named, and only inside a place already named. A
  // mention already read as a place ("Konawe" the regency) is not read again as another ("Konawe" the village).
  let added = false;
  for (const mention of chosen) {
    if (readings.has(mention)) continue;
    const candidates = readingOf(mention, mention.weak);
    const level = candidates[0]?.level;
    if (!level || sets.has(level)) continue;
    const ancestor = nearestAncestor(sets, level);
    if (!ancestor) continue;
    const inside = candidates.filter((r) => ancestor.codes.has(ancestorCode(r.code, ancestor.level)));
    if (inside.length > 0) {
      readings.set(mention, inside);
      sets.set(level, inside);
      named.add(level);
      added = true;
    }
  }
  if (added) settle(sets, regions);
  // The mentions whose reading survived narrowing are the words that named the place.
  const kept = new Set([...sets.values()].flat().map((r) => r.code));
  const used = chosen.filter((m) => readings.get(m)?.some((r) => kept.has(r.code)));

  const result: LocationResolution = {};
  for (const level of LEVELS) {
    const set = sets.get(level);
    if (!set || set.length === 0) continue;
    if (set.length === 1) result[level] = set[0];
    // Only a level the text named is ambiguous; several regencies derived from an ambiguous
    // village name are a consequence, and asking about the village resolves them too.
    else if (!result.ambiguous && named.has(level))
      result.ambiguous = { level, candidates: [...set].sort((a, b) => a.code.localeCompare(b.code)) };
  }
  return { resolution: result, used };
}

function pickNonOverlapping(mentions: readonly PlaceMention[]): PlaceMention[] {
  const score = (m: PlaceMention): number => (m.strong.length > 0 ? 1000 : 0) + m.length - 3 * m.distance;
  const ordered = [...mentions].sort((a, b) => score(b) - score(a) || a.start - b.start);
  const taken = new Set<number>();
  const chosen: PlaceMention[] = [];
  for (const mention of ordered) {
    let free = true;
    for (let i = mention.start; i < mention.end; i += 1) if (taken.has(i)) free = false;
    if (!free) continue;
    for (let i = mention.start; i < mention.end; i += 1) taken.add(i);
    chosen.push(mention);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Which level a mention names: the one its keyword says, else the broadest it can be. */
function readingOf(mention: PlaceMention, entries: readonly PlaceEntry[]): Region[] {
  const keyword = mention.keyword;
  let pool = entries;
  if (keyword && keyword.level !== 'any') {
    const atLevel = pool.filter((e) => e.region.level === keyword.level);
    if (atLevel.length > 0) pool = atLevel;
    const ofKind = pool.filter((e) => e.kind === keyword.kind);
    if (keyword.kind && ofKind.length > 0) pool = ofKind;
  }
  const level = LEVELS.find((l) => pool.some((e) => e.region.level === l));
  return union(
    [],
    pool.filter((e) => e.region.level === level).map((e) => e.region),
  );
}

/** Narrow top-down, derive bottom-up, narrow again: after this every level is consistent with the others. */
function settle(sets: Sets, regions: ReadonlyMap<string, Region>): void {
  narrowDown(sets);
  for (let i = LEVELS.length - 1; i > 0; i -= 1) {
    const level = LEVELS[i];
    const parentLevel = LEVELS[i - 1];
    const set = level ? sets.get(level) : undefined;
    if (!set || !parentLevel) continue;
    const parents = new Set(set.map((r) => ancestorCode(r.code, parentLevel)));
    const current = sets.get(parentLevel);
    if (current) {
      const kept = current.filter((r) => parents.has(r.code));
      if (kept.length > 0) sets.set(parentLevel, kept);
    } else {
      const derived = [...parents].flatMap((code) => regions.get(code) ?? []);
      if (derived.length > 0) sets.set(parentLevel, derived);
    }
  }
  narrowDown(sets);
}

/** A name that does not lie inside the places named above it is dropped: it was most likely not a place. */
function narrowDown(sets: Sets): void {
  for (const level of LEVELS.slice(1)) {
    const set = sets.get(level);
    const ancestor = nearestAncestor(sets, level);
    if (!set || !ancestor) continue;
    const inside = set.filter((r) => ancestor.codes.has(ancestorCode(r.code, ancestor.level)));
    if (inside.length > 0) sets.set(level, inside);
    else sets.delete(level);
  }
}

function nearestAncestor(sets: Sets, level: RegionLevel): { level: RegionLevel; codes: Set<string> } | null {
  for (let i = LEVELS.indexOf(level) - 1; i >= 0; i -= 1) {
    const ancestorLevel = LEVELS[i];
    const set = ancestorLevel ? sets.get(ancestorLevel) : undefined;
    if (ancestorLevel && set) return { level: ancestorLevel, codes: new Set(set.map((r) => r.code)) };
  }
  return null;
}

function union(a: readonly Region[], b: readonly Region[]): Region[] {
  const byCode = new Map(a.map((r) => [r.code, r]));
  for (const r of b) byCode.set(r.code, r);
  return [...byCode.values()];
}
