/**
 * Every Postgres column that holds values sealed with a PII key: what `suara keys rotate` re-seals.
 * A new sealed column belongs here, or its values would stay on an old key and become unreadable once
 * that key is removed (the key-rotation test scans every column for values left behind).
 */
export interface SealedColumn {
  table: string;
  /** SQL (a constant) for a unique value of the row as text, to walk the table in batches. */
  id: string;
  column: string;
  /** The sealed value is this key of a jsonb column. */
  jsonKey?: string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'contacts', id: 'id::text', column: 'address_enc' },
  { table: 'users', id: 'id::text', column: 'totp_secret_enc' },
  { table: 'partners', id: 'id::text', column: 'pseudonym_key_enc' },
  { table: 'export_schedules', id: 'partner_id::text', column: 'signing_key_enc' },
  { table: 'dead_letters', id: 'id::text', column: 'job', jsonKey: 'sealed' },
  // The linked WhatsApp Web number's Baileys keys (skipped where that table does not exist).
  { table: 'whatsapp_web_auth', id: "session || '/' || key", column: 'value' },
];

export function sealedColumnName(column: SealedColumn): string {
  return `${column.table}.${column.column}${column.jsonKey ? `.${column.jsonKey}` : ''}`;
}
