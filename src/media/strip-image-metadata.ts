import exifr from 'exifr';
import sharp from 'sharp';

export interface GpsPosition {
  latitude: number;
  longitude: number;
}

export type StrippedImage =
  | { ok: true; bytes: Buffer; contentType: string; gps: GpsPosition | null }
  | { ok: false; error: string };

/** Formats re-encoded in kind; anything else (SVG — a script carrier —, HEIC, TIFF…) is refused. */
const FORMATS = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
} as const;

/**
 * Reads the photo's GPS position (a hint for placing the report), then re-encodes it without any
 * metadata — EXIF (camera, time, position), XMP, IPTC, ICC comments — with its orientation applied to
 * the pixels, so a stored photo says nothing about the phone that took it.
 */
export async function stripImageMetadata(input: Buffer): Promise<StrippedImage> {
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    return { ok: false, error: 'not a readable image' };
  }
  if (!format || !(format in FORMATS)) return { ok: false, error: `image format ${format ?? 'unknown'}` };
  const kind = format as keyof typeof FORMATS;
  const gps = await readGps(input);
  try {
    // sharp writes no metadata unless asked (keepMetadata/withMetadata); rotate() applies the EXIF
    // orientation before it is dropped.
    const pipeline = sharp(input, { animated: kind === 'gif' || kind === 'webp' }).rotate();
    const bytes = await pipeline.toFormat(kind).toBuffer();
    return { ok: true, bytes, contentType: FORMATS[kind], gps };
  } catch {
    return { ok: false, error: 'not a readable image' };
  }
}

/** The EXIF GPS position, if the photo carries a plausible one. */
export async function readGps(input: Buffer): Promise<GpsPosition | null> {
  try {
    const position: unknown = await exifr.gps(input);
    if (typeof position !== 'object' || position === null) return null;
    const { latitude, longitude } = position as Record<string, unknown>;
    if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
    // 0,0 is what some phones write when they had no fix.
    if (latitude === 0 && longitude === 0) return null;
    return { latitude, longitude };
  } catch {
    return null;
  }
}
