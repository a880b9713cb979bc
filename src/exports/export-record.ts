import type { PlaceDirectory } from '../geo/place-directory.js';
import { columnsFor, type ExportCell } from './export-columns.js';
import type { ExportRow } from './export-sql.js';
import { scrubPersonalData } from './scrub-personal-data.js';

/**
 * Contacts whose pseudonym one export remembers: a contact's reports come back many times in a batch,
 * and an HMAC costs more than the rest of the row. Past this many the memory starts over (about 30 MB).
 */
const PSEUDONYM_CACHE_LIMIT = 200_000;

/**
 * The converter of one export: database rows (array mode) to the cells partners receive, in column
 * order (`columnsFor(withText)`) — names beside codes, the partner's pseudonym, scrubbed words. It
 * remembers region names and pseudonyms for the export's duration, so each is worked out once.
 */
export function exportCellsOf(
  places: PlaceDirectory,
  pseudonym: (contactId: string) => string,
  withText: boolean,
): (row: ExportRow) => ExportCell[] {
  const pseudonyms = new Map<string, string>();
  const reporter = (contactId: string): string => {
    let known = pseudonyms.get(contactId);
    if (known === undefined) {
      if (pseudonyms.size >= PSEUDONYM_CACHE_LIMIT) pseudonyms.clear();
      known = pseudonym(contactId);
      pseudonyms.set(contactId, known);
    }
    return known;
  };
  const none = { provinceCode: null, regencyCode: null, districtCode: null, villageCode: null };
  const names = {
    province: namesOf((code) => places.describe({ ...none, provinceCode: code }).province),
    regency: namesOf((code) => places.describe({ ...none, regencyCode: code }).regency),
    district: namesOf((code) => places.describe({ ...none, districtCode: code }).district),
    village: namesOf((code) => places.describe({ ...none, villageCode: code }).village),
  };
  return (row) => {
    const confidence = row[5];
    const cells: ExportCell[] = [
      row[0],
      row[1],
      row[2],
      row[3],
      row[4],
      confidence === null ? null : Math.round(confidence * 1000) / 1000,
      row[6],
      row[7],
      row[18],
      row[8],
      row[9],
      names.province(row[9]),
      row[10],
      names.regency(row[10]),
      row[11],
      names.district(row[11]),
      row[12],
      names.village(row[12]),
      row[13],
      row[14],
      row[15],
      reporter(row[16]),
      row[19],
    ];
    if (withText) cells.push(scrubPersonalData((row[17] ?? []).join('\n')));
    return cells;
  };
}

/** One level's official names by code, looked up in the gazetteer once per code. */
function namesOf(describe: (code: string) => string | null): (code: string | null) => string | null {
  const known = new Map<string, string | null>();
  return (code) => {
    if (code === null) return null;
    let name = known.get(code);
    if (name === undefined) {
      name = describe(code);
      known.set(code, name);
    }
    return name;
  };
}

/** The cells of one report keyed by column, in column order (GeoJSON properties). */
export function exportRecordOf(cells: readonly ExportCell[], withText: boolean): Record<string, ExportCell> {
  const record: Record<string, ExportCell> = {};
  columnsFor(withText).forEach((column, i) => {
    record[column.key] = cells[i] ?? null;
  });
  return record;
}
