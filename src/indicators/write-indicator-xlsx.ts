import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { IndicatorTables } from './indicator-tables.js';

/**
 * The indicator tables as an XLSX workbook streamed to `stream`: one sheet per table under the header
 * block, and a sheet of definitions. Sheet names are cut to Excel's 31 characters.
 */
export async function writeIndicatorXlsx(tables: IndicatorTables, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'Suara';
  for (const table of tables.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name));
    for (const text of tables.heading) sheet.addRow([text]).commit();
    sheet.addRow([]).commit();
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  const definitions = workbook.addWorksheet(sheetName(tables.definitionsTitle));
  for (const text of tables.heading) definitions.addRow([text]).commit();
  definitions.addRow([]).commit();
  for (const text of tables.definitions) definitions.addRow([text]).commit();
  definitions.commit();
  await workbook.commit();
}

function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
}
