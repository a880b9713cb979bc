/** The filters of one export after the partner's scope was applied: empty lists mean "any". */
export interface ResolvedExport {
  provinces: string[];
  categories: string[];
  regencies: string[];
  statuses: string[];
  from: string | null;
  to: string | null;
  /** The previous export's snapshot; null for everything. */
  since: string | null;
  withText: boolean;
}

/**
 * The export's one statement, read through a cursor. Written as SQL text because it runs on a
 * dedicated client inside a REPEATABLE READ transaction (the snapshot the cursor is taken from) and is
 * streamed row by row; drizzle would buffer the whole result.
 */
export function exportSql(f: ResolvedExport): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = ['not r.simulated', `r.status = any(${param(f.statuses)}::text[])`];
  if (f.provinces.length) where.push(`r.province_code = any(${param(f.provinces)}::text[])`);
  if (f.categories.length) where.push(`r.category = any(${param(f.categories)}::text[])`);
  if (f.regencies.length) where.push(`r.regency_code = any(${param(f.regencies)}::text[])`);
  if (f.from) where.push(`r.created_at >= (${param(f.from)}::date)::timestamp at time zone 'Asia/Jakarta'`);
  if (f.to) where.push(`r.created_at < (${param(f.to)}::date + 1)::timestamp at time zone 'Asia/Jakarta'`);
  if (f.since) {
    const snapshot = param(f.since);
    // The range condition lets the index find the candidates; the snapshot test decides each one.
    where.push(`r.change_xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)`);
    where.push(`not pg_visible_in_snapshot(r.change_xid, ${snapshot}::pg_snapshot)`);
  }
  // Times as text in the form partners receive (ISO 8601 UTC with milliseconds, as Date#toISOString
  // writes them): Postgres formats them once instead of Node parsing each into a Date and back.
  const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const text = `select r.reference_code, ${iso('r.created_at')} as received_at, ${iso('r.updated_at')} as updated_at,
      r.category, r.category_source,
      r.classifier_confidence, r.status, r.outcome, r.public_note, r.province_code, r.regency_code,
      r.district_code, r.village_code, r.channel, r.language, jsonb_array_length(r.media) as media_count,
      r.contact_id, ${f.withText ? 'r.texts' : 'null as texts'},
      (select count(*) from follow_ups fu where fu.report_id = r.id)::int as follow_ups,
      (select o.reference_code from reports o where o.id = r.duplicate_of_id) as duplicate_of
    from reports r
    where ${where.join('\n      and ')}
    order by ${f.since ? 'r.change_xid, r.id' : 'r.created_at, r.id'}`;
  return { text, values };
}

/**
 * A row as the statement returns it in array mode (pg `rowMode: 'array'`: no object per row), in the
 * select's column order.
 */
export type ExportRow = [
  reference_code: string,
  received_at: string,
  updated_at: string,
  category: string,
  category_source: string,
  classifier_confidence: number | null,
  status: string,
  outcome: string | null,
  public_note: string | null,
  province_code: string | null,
  regency_code: string | null,
  district_code: string | null,
  village_code: string | null,
  channel: string,
  language: string,
  media_count: number,
  contact_id: string,
  texts: string[] | null,
  follow_ups: number,
  duplicate_of: string | null,
];
