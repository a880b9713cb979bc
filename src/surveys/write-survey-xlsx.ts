import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ResultsTable } from './survey-results-service.js';

/**
 * A survey's responses as an XLSX workbook streamed to `stream`, the same columns as the CSV: one row
 * per response, no contact identifier and no free text. Numbers stay numbers, so a spreadsheet can
 * average the ratings.
 */
export async function writeSurveyXlsx(
  surveyId: string,
  table: ResultsTable,
  stream: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'Suara';
  // Excel refuses sheet names over 31 characters or with \ / ? * [ ] :
  const sheet = workbook.addWorksheet(surveyId.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'survey');
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
