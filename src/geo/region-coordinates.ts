import { readFile } from 'node:fs/promises';
import type { RegionLevel } from './location-resolution.js';
import type { PlaceCodes } from './place-directory.js';

/** A region's representative point (its centroid, as the file's source computed it). */
export interface RegionPoint {
  code: string;
  level: RegionLevel;
  latitude: number;
  longitude: number;
}

export interface RegionCoordinates {
  /** How many regions have a point. */
  size: number;
  /**
   * The point of a report's place: its own region's if the file has it, else the nearest coarser
   * region's — never a point finer than the place the report resolved to.
   */
  pointOf(codes: PlaceCodes): RegionPoint | null;
}

const LEVELS_FINEST_FIRST: readonly RegionLevel[] = ['village', 'district', 'regency', 'province'];

export const NO_COORDINATES: RegionCoordinates = { size: 0, pointOf: () => null };

/**
 * Region centroids from `REGION_COORDINATES_FILE`: CSV with a header `code,latitude,longitude` and one
 * Kemendagri code per line (`64`, `64.02`, `64.02.01`, …). Suara ships no coordinates (no openly licensed
 * set keyed by these codes is bundled); without the file, exports carry no geometry. A bad line stops
 * start-up with the file, the line and what is wrong.
 */
export async function loadRegionCoordinates(file: string | undefined): Promise<RegionCoordinates> {
  if (!file) return NO_COORDINATES;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : 'error';
    throw new Error(`REGION_COORDINATES_FILE ${file}: cannot read the file (${code})`);
  }
  const points = new Map<string, RegionPoint>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || (index === 0 && /^code\s*,/i.test(line))) return;
    const where = `REGION_COORDINATES_FILE ${file}:${index + 1}`;
    const [code = '', lat = '', lon = '', ...rest] = line.split(',').map((part) => part.trim());
    if (rest.length) throw new Error(`${where}: expected code,latitude,longitude`);
    const level = levelOf(code);
    if (!level) throw new Error(`${where}: "${code}" is not a region code like 64 or 64.02`);
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (!lat || !Number.isFinite(latitude) || latitude < -90 || latitude > 90)
      throw new Error(`${where}: latitude must be a number from -90 to 90`);
    if (!lon || !Number.isFinite(longitude) || longitude < -180 || longitude > 180)
      throw new Error(`${where}: longitude must be a number from -180 to 180`);
    points.set(code, { code, level, latitude, longitude });
  });
  return {
    size: points.size,
    pointOf(codes) {
      for (const level of LEVELS_FINEST_FIRST) {
        const code = codes[`${level}Code`];
        const point = code ? points.get(code) : undefined;
        if (point) return point;
      }
      return null;
    },
  };
}

function levelOf(code: string): RegionLevel | null {
  if (/^\d{2}$/.test(code)) return 'province';
  if (/^\d{2}\.\d{2}$/.test(code)) return 'regency';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(code)) return 'district';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return 'village';
  return null;
}
