import { csvLine as line } from '../csv-field.js';
import type { IndicatorTables } from './indicator-tables.js';

/**
 * The indicator tables as one CSV: UTF-8 with a byte-order mark (so Excel reads the accents), the header
 * block and definitions as one-cell rows, the tables separated by an empty row.
 */
export function writeIndicatorCsv(tables: IndicatorTables): string {
  let out = '\uFEFF';
  for (const text of tables.heading) out += line([text]);
  for (const table of tables.tables) {
    out += '\r\n';
    out += line([table.name]);
    out += line(table.header);
    for (const row of table.rows) out += line(row);
  }
  out += '\r\n';
  for (const text of tables.definitions) out += line([text]);
  return out;
}
