import type { Cell, IndicatorTables } from './indicator-tables.js';

/** RFC 4180 quoting; a text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

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
