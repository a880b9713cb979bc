import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvField, csvLine } from '../csv-field.js';
import type { RegionPoint } from '../geo/region-coordinates.js';
import { columnsFor, type ExportCell } from './export-columns.js';
import type { ExportFormat } from './export-filters.js';
import { exportRecordOf } from './export-record.js';
import { lineChunks } from './line-chunks.js';

export interface ExportSummary {
  rows: number;
  bytes: number;
  /** SHA-256 (hex) of the whole body as sent. */
  sha256: string;
  /** False when the reader went away before the end. */
  complete: boolean;
}

interface BodyOptions {
  format: ExportFormat;
  withText: boolean;
  hxl: boolean;
  cursor: string;
  /** GeoJSON: a record's point (its region's centroid), or null for a feature without geometry. */
  pointOf?: (record: Record<string, ExportCell>) => RegionPoint | null;
  /** Called once the body ended or was abandoned; releases the database. */
  finish(summary: ExportSummary): void;
}

/** A CSV cell needs csvField's quoting or formula guard only when it matches this. */
const CSV_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

function csvCell(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return CSV_SPECIAL.test(value) ? csvField(value) : value;
}

/**
 * The export body as a stream that pulls reports only as fast as the reader takes bytes, so memory
 * stays flat whatever the size. Reports arrive in batches of database rows, each made into its cells
 * (column order) only as it is written, and leave in chunks of many rows, each hashed and counted once. CSV: UTF-8 with BOM, RFC 4180, optional HXL row. JSON
 * Lines: one report per line, then a manifest line with the row count, the cursor and the SHA-256 of
 * the lines before it. GeoJSON: a FeatureCollection of points at each report's region centroid (or
 * no geometry).
 */
export function exportBody<Row>(
  batches: AsyncIterable<Row[]>,
  cellsOf: (row: Row) => ExportCell[],
  options: BodyOptions,
): Readable {
  const columns = columnsFor(options.withText);
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let complete = false;
  const count = (chunk: string | Buffer): Buffer => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(buffer);
    bytes += buffer.length;
    return buffer;
  };
  const done = () => options.finish({ rows, bytes, sha256: hash.digest('hex'), complete });

  if (options.format === 'xlsx')
    return xlsxBody(batches, cellsOf, columns, {
      count,
      onRow: () => rows++,
      done,
      end: () => (complete = true),
    });

  // JSON Lines: each key written once, ahead of its value.
  const keys = columns.map((c, i) => `${i ? ',' : '{'}${JSON.stringify(c.key)}:`);
  const line =
    options.format === 'csv'
      ? (cells: ExportCell[]) => {
          let text = csvCell(cells[0] ?? null);
          for (let i = 1; i < cells.length; i++) text += `,${csvCell(cells[i] ?? null)}`;
          return `${text}\r\n`;
        }
      : (cells: ExportCell[]) => {
          let text = '';
          for (let i = 0; i < cells.length; i++) text += keys[i] + JSON.stringify(cells[i]);
          return `${text}}\n`;
        };

  async function* text(): AsyncGenerator<Buffer> {
    try {
      if (options.format === 'geojson') {
        // RFC 7946: a FeatureCollection, one feature per report; the count and cursor follow the
        // features as a foreign member, since they are known only at the end.
        yield count('{"type":"FeatureCollection","features":[\n');
        const chunks = lineChunks();
        for await (const batch of batches) {
          for (const row of batch) {
            const record = exportRecordOf(cellsOf(row), options.withText);
            const point = options.pointOf?.(record) ?? null;
            const feature = {
              type: 'Feature',
              id: record.reference_code,
              geometry: point ? { type: 'Point', coordinates: [point.longitude, point.latitude] } : null,
              properties: { ...record, location_precision: point?.level ?? null },
            };
            chunks.add(`${rows ? ',\n' : ''}${JSON.stringify(feature)}`);
            rows++;
          }
          for (const chunk of chunks.take()) yield count(chunk);
        }
        for (const chunk of chunks.finish()) yield count(chunk);
        yield count(`\n],"suara":${JSON.stringify({ rows, cursor: options.cursor })}}\n`);
      } else {
        if (options.format === 'csv') {
          yield count(`\uFEFF${csvLine(columns.map((c) => c.key))}`);
          if (options.hxl) yield count(csvLine(columns.map((c) => c.hxl)));
        }
        const chunks = lineChunks();
        for await (const batch of batches) {
          for (const row of batch) chunks.add(line(cellsOf(row)));
          rows += batch.length;
          for (const chunk of chunks.take()) yield count(chunk);
        }
        for (const chunk of chunks.finish()) yield count(chunk);
        if (options.format === 'jsonl') {
          const manifest = { manifest: { rows, cursor: options.cursor, sha256: hash.copy().digest('hex') } };
          yield count(`${JSON.stringify(manifest)}\n`);
        }
      }
      complete = true;
    } finally {
      done();
    }
  }
  return Readable.from(text(), { objectMode: false });
}

/** XML the sheet may have waiting for the zip's compressor before rows are held back. */
const XLSX_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * The buffer between exceljs's sheet and its zip: exceljs writes the sheet's XML into it without
 * waiting (its StreamBuf ignores backpressure), so when the compressor or the reader is slower than the
 * database, this is where a whole export piles up (800 MB for a million reports). Read through
 * internals of exceljs and archiver (a readable-stream 2 PassThrough, whose writable length is kept in
 * `_writableState`): null if a later version is built otherwise, and then rows are not held back.
 */
function sheetBacklog(sheet: unknown): { bytes(): number; stream: EventEmitter } | null {
  const field = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  const pipes = field(field(sheet, 'stream'), 'pipes');
  const stream: unknown = Array.isArray(pipes) ? pipes[0] : undefined;
  const bytes = () => {
    const length = field(field(stream, '_writableState'), 'length');
    return typeof length === 'number' ? length : 0;
  };
  return stream instanceof EventEmitter &&
    typeof field(field(stream, '_writableState'), 'length') === 'number'
    ? { bytes, stream }
    : null;
}

function xlsxBody<Row>(
  batches: AsyncIterable<Row[]>,
  cellsOf: (row: Row) => ExportCell[],
  columns: ReturnType<typeof columnsFor>,
  hooks: { count(chunk: Buffer): Buffer; onRow(): void; done(): void; end(): void },
): Readable {
  const zipped = new PassThrough();
  const out = new PassThrough({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, hooks.count(chunk));
    },
  });
  zipped.pipe(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: zipped,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('reports');
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    hooks.done();
  };
  out.on('close', finish);
  const caughtUp = (stream: EventEmitter) =>
    new Promise<void>((resolve) => {
      const go = () => {
        stream.off('drain', go);
        out.off('close', go);
        resolve();
      };
      stream.once('drain', go);
      out.once('close', go);
    });
  (async () => {
    sheet.addRow(columns.map((c) => c.key)).commit();
    const backlog = sheetBacklog(sheet);
    for await (const batch of batches) {
      for (const row of batch) {
        hooks.onRow();
        sheet.addRow(cellsOf(row)).commit();
      }
      // Hold the rows back while the compressor, or the reader behind it, is behind.
      if (backlog && backlog.bytes() > XLSX_BACKLOG_BYTES) await caughtUp(backlog.stream);
      if (out.writableNeedDrain) await caughtUp(out);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
    hooks.end();
  })()
    .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
    .finally(() => {
      if (out.destroyed) finish();
      else out.once('end', finish);
    });
  return out;
}
