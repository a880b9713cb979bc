import type { LocationResolution, Region } from '../../geo/location-resolution.js';
import type { VarValue } from './session.js';

/** found: we know the regency/city (or something inside one); partial: only a province. */
export type LocationStatus = 'found' | 'partial' | 'ambiguous' | 'missing';

const LEVELS = ['province', 'regency', 'district', 'village'] as const;

/**
 * Writes a gazetteer result into conversation variables: names for templates ({{regency}}) and
 * official codes for the report. Kemendagri codes nest ("64.02.03.2001" lies in "64.02" and "64"),
 * so a village alone still gives its regency and province codes.
 */
export function applyLocation(
  vars: Record<string, VarValue>,
  resolution: LocationResolution,
): LocationStatus {
  const deepest = [...LEVELS].reverse().find((level) => resolution[level] !== undefined);
  const deepestCode = (deepest ? resolution[deepest]?.code : undefined)?.split('.') ?? [];
  for (const [index, level] of LEVELS.entries()) {
    const region: Region | undefined = resolution[level];
    const derived = deepestCode.length > index ? deepestCode.slice(0, index + 1).join('.') : null;
    vars[level] = region?.name ?? null;
    vars[`${level}_code`] = region?.code ?? derived;
  }
  if (resolution.ambiguous) {
    const names = resolution.ambiguous.candidates.map((c) => c.name);
    vars.place = names[0] ?? null;
    vars.candidates = [...new Set(names)].slice(0, 4);
  }
  const status = statusOf(resolution);
  // Only the words that named the place: the report keeps the whole message in its texts already.
  vars.location_text = resolution.text ?? null;
  vars.location_status = status;
  return status;
}

// In order of how much each tells; a later, vaguer reading never replaces a better one.
const STATUS_ORDER: readonly LocationStatus[] = ['missing', 'partial', 'ambiguous', 'found'];

/** How much a `location_status` tells: -1 for none yet (or `skipped`), 3 for found. */
export function locationRank(status: VarValue | undefined): number {
  return STATUS_ORDER.findIndex((s) => s === status);
}

export function statusOf(resolution: LocationResolution): LocationStatus {
  if (resolution.regency || resolution.district || resolution.village) return 'found';
  if (resolution.ambiguous) return 'ambiguous';
  if (resolution.province) return 'partial';
  return 'missing';
}
