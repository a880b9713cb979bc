/** One exported report, as every format writes it (docs/exports.md is its data dictionary). */
export interface ExportRecord {
  reference_code: string;
  received_at: string;
  updated_at: string;
  category: string;
  category_source: string;
  classifier_confidence: number | null;
  status: string;
  outcome: string | null;
  follow_ups: number;
  public_note: string | null;
  province_code: string | null;
  province_name: string | null;
  regency_code: string | null;
  regency_name: string | null;
  district_code: string | null;
  district_name: string | null;
  village_code: string | null;
  village_name: string | null;
  channel: string;
  language: string;
  media_count: number;
  reporter: string;
  duplicate_of: string | null;
  /** Only for partners allowed the citizen's words; scrubbed of numbers, e-mail addresses and NIKs. */
  text?: string;
}

/** One exported value: a report is its cells in column order (`columnsFor`). */
export type ExportCell = string | number | null;

/** Columns in order, with their HXL hashtag (humanitarian tools read columns by these). */
export const EXPORT_COLUMNS: readonly { key: keyof ExportRecord; hxl: string }[] = [
  { key: 'reference_code', hxl: '#report+code' },
  { key: 'received_at', hxl: '#date+received' },
  { key: 'updated_at', hxl: '#date+updated' },
  { key: 'category', hxl: '#sector+category' },
  { key: 'category_source', hxl: '#meta+category_source' },
  { key: 'classifier_confidence', hxl: '#indicator+confidence' },
  { key: 'status', hxl: '#status' },
  { key: 'outcome', hxl: '#status+outcome' },
  { key: 'follow_ups', hxl: '#indicator+follow_ups+num' },
  { key: 'public_note', hxl: '#description+public_note' },
  { key: 'province_code', hxl: '#adm1+code' },
  { key: 'province_name', hxl: '#adm1+name' },
  { key: 'regency_code', hxl: '#adm2+code' },
  { key: 'regency_name', hxl: '#adm2+name' },
  { key: 'district_code', hxl: '#adm3+code' },
  { key: 'district_name', hxl: '#adm3+name' },
  { key: 'village_code', hxl: '#adm4+code' },
  { key: 'village_name', hxl: '#adm4+name' },
  { key: 'channel', hxl: '#meta+channel' },
  { key: 'language', hxl: '#meta+lang' },
  { key: 'media_count', hxl: '#meta+media+num' },
  { key: 'reporter', hxl: '#beneficiary+id' },
  { key: 'duplicate_of', hxl: '#report+code+duplicate_of' },
  { key: 'text', hxl: '#description+citizen' },
];

export function columnsFor(withText: boolean) {
  return EXPORT_COLUMNS.filter((column) => withText || column.key !== 'text');
}
