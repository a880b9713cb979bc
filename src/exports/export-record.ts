import type { PlaceDirectory } from '../geo/place-directory.js';
import type { ExportRecord } from './export-columns.js';
import type { ExportRow } from './export-sql.js';
import { scrubPersonalData } from './scrub-personal-data.js';

/** A database row as partners receive it: names beside codes, the partner's pseudonym, scrubbed words. */
export function toExportRecord(
  row: ExportRow,
  places: PlaceDirectory,
  pseudonym: (contactId: string) => string,
  withText: boolean,
): ExportRecord {
  const names = places.describe({
    provinceCode: row.province_code,
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    villageCode: row.village_code,
  });
  const record: ExportRecord = {
    reference_code: row.reference_code,
    received_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    category: row.category,
    category_source: row.category_source,
    classifier_confidence:
      row.classifier_confidence === null ? null : Math.round(row.classifier_confidence * 1000) / 1000,
    status: row.status,
    outcome: row.outcome,
    follow_ups: row.follow_ups,
    public_note: row.public_note,
    province_code: row.province_code,
    province_name: names.province,
    regency_code: row.regency_code,
    regency_name: names.regency,
    district_code: row.district_code,
    district_name: names.district,
    village_code: row.village_code,
    village_name: names.village,
    channel: row.channel,
    language: row.language,
    media_count: row.media_count,
    reporter: pseudonym(row.contact_id),
    duplicate_of: row.duplicate_of,
  };
  if (withText) record.text = scrubPersonalData((row.texts ?? []).join('\n'));
  return record;
}
