import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface SeedPlace {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  villageCode: string;
  /** As a citizen or the place question would write it: "Desa Loa Ipuh, Kec. Tenggarong, Kutai Kartanegara". */
  label: string;
  villageName: string;
  districtName: string;
}

/** The programme's provinces (11 Aceh, 64 Kalimantan Timur, 74 Sulawesi Tenggara) and their share of reports. */
export const SEED_PROVINCES = [
  { code: '64', share: 0.4 },
  { code: '74', share: 0.3 },
  { code: '11', share: 0.25 },
] as const;

const titleCase = (name: string): string =>
  name
    .toLowerCase()
    .replace(/^(kabupaten|kota) /, (prefix) => (prefix === 'kota ' ? 'kota ' : ''))
    .replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());

/** Every village of the programme's provinces from `idn-area-data` (official codes and names). */
export async function loadSeedPlaces(): Promise<Map<string, SeedPlace[]>> {
  const dataDir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
  const wanted = new Set<string>(SEED_PROVINCES.map((p) => p.code));
  const rows = async (file: string): Promise<[string, string][]> =>
    (await readFile(join(dataDir, file), 'utf8'))
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => wanted.has(line.slice(0, 2)))
      .map((line) => [
        line.slice(0, line.indexOf(',')),
        line.slice(line.lastIndexOf(',') + 1).replaceAll('"', ''),
      ]);
  const regencies = new Map(await rows('regencies.csv'));
  const districts = new Map(await rows('districts.csv'));
  const byProvince = new Map<string, SeedPlace[]>();
  for (const [villageCode, villageName] of await rows('villages.csv')) {
    const districtCode = villageCode.slice(0, 8);
    const regencyCode = villageCode.slice(0, 5);
    const provinceCode = villageCode.slice(0, 2);
    const district = districts.get(districtCode) ?? '';
    const regency = titleCase(regencies.get(regencyCode) ?? '');
    const list = byProvince.get(provinceCode) ?? [];
    list.push({
      provinceCode,
      regencyCode,
      districtCode,
      villageCode,
      villageName,
      districtName: district,
      label: `Desa ${villageName}, Kec. ${district}, ${regency}`,
    });
    byProvince.set(provinceCode, list);
  }
  for (const { code } of SEED_PROVINCES) {
    if (!byProvince.get(code)?.length) throw new Error(`idn-area-data lists no village of province ${code}`);
  }
  return byProvince;
}
