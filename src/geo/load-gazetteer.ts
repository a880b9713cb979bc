import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  createGazetteer,
  type Gazetteer,
  type GazetteerOptions,
  PROGRAMME_PROVINCES,
} from './create-gazetteer.js';
import type { RegionRow } from './place-index.js';

/**
 * Reads the official region lists shipped by `idn-area-data` (Kemendagri codes, MIT) and builds the
 * gazetteer. Villages outside the detailed provinces are dropped before parsing: they are nine
 * tenths of the file.
 */
export async function loadGazetteer(options: GazetteerOptions = {}): Promise<Gazetteer> {
  const detailed = options.detailedProvinces ?? PROGRAMME_PROVINCES;
  const packageJson = createRequire(import.meta.url).resolve('idn-area-data/package.json');
  const dataDir = join(dirname(packageJson), 'data');
  const read = (file: string): Promise<string> => readFile(join(dataDir, file), 'utf8');
  const [provinces, regencies, districts, villages] = await Promise.all([
    read('provinces.csv'),
    read('regencies.csv'),
    read('districts.csv'),
    read('villages.csv'),
  ]);
  const inDetail = (code: string): boolean => detailed.includes(code.slice(0, code.indexOf('.')));
  return createGazetteer(
    {
      provinces: parseRows(provinces),
      regencies: parseRows(regencies),
      districts: parseRows(districts, inDetail),
      villages: parseRows(villages, inDetail),
    },
    { detailedProvinces: detailed },
  );
}

/**
 * The files are `code,<parent code>,name` (provinces: `code,name`) with a header row. Names hold
 * no commas; a few hold stray double quotes (`Ra"as`), which are not CSV quoting and are dropped.
 */
function parseRows(csv: string, keep: (code: string) => boolean = () => true): RegionRow[] {
  const rows: RegionRow[] = [];
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const code = line.slice(0, line.indexOf(','));
    if (code === '' || !keep(code)) continue;
    const name = line.slice(line.lastIndexOf(',') + 1).replaceAll('"', '');
    rows.push({ code, name });
  }
  return rows;
}
