import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegionCoordinates } from '../../../src/geo/region-coordinates.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'suara-regions-')), 'regions.csv');
  writeFileSync(path, text);
  return path;
};
const codes = (
  village: string | null,
  district: string | null,
  regency: string | null,
  province: string,
) => ({
  provinceCode: province,
  regencyCode: regency,
  districtCode: district,
  villageCode: village,
});

describe('loadRegionCoordinates', () => {
  it('gives a place its own region’s point, else the nearest coarser one, never a finer one', async () => {
    const regions = await loadRegionCoordinates(
      file(
        '\uFEFFcode,latitude,longitude\n# Kalimantan Timur\n64, 0.5387, 116.4194\n64.02,-0.1337,116.6081\n64.02.01.2001,-0.41,117.15\n',
      ),
    );
    expect(regions.size).toBe(3);
    expect(regions.pointOf(codes('64.02.01.2001', '64.02.01', '64.02', '64'))).toMatchObject({
      level: 'village',
      latitude: -0.41,
    });
    expect(regions.pointOf(codes(null, '64.02.05', '64.02', '64'))).toMatchObject({
      code: '64.02',
      level: 'regency',
    });
    expect(regions.pointOf(codes(null, null, '64.72', '64'))).toMatchObject({
      code: '64',
      level: 'province',
    });
    // A report placed only in the province never gets its regency's or village's point.
    expect(regions.pointOf(codes(null, null, null, '64'))?.code).toBe('64');
    expect(regions.pointOf(codes(null, null, null, '11'))).toBeNull();
  });

  it('has no points without a file, and stops on a bad line naming the file and line', async () => {
    expect((await loadRegionCoordinates(undefined)).pointOf(codes(null, null, null, '64'))).toBeNull();
    await expect(loadRegionCoordinates(file('code,latitude,longitude\n64,91,116\n'))).rejects.toThrow(
      /regions\.csv:2: latitude must be a number from -90 to 90/,
    );
    await expect(loadRegionCoordinates(file('64.2,1,116\n'))).rejects.toThrow(/"64\.2" is not a region code/);
    await expect(loadRegionCoordinates(file('64,1,116,9\n'))).rejects.toThrow(
      /expected code,latitude,longitude/,
    );
    await expect(loadRegionCoordinates('/nonexistent/regions.csv')).rejects.toThrow(
      /cannot read the file \(ENOENT\)/,
    );
  });
});
