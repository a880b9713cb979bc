import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine } from '../csv-field.js';
import type { RegionPoint } from '../geo/region-coordinates.js';
import { columnsFor, type ExportRecord } from './export-columns.js';
import type { ExportFormat } from './export-filters.js';

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
  pointOf?: (record: ExportRecord) => RegionPoint | null;
  /** Called once the body ended or was abandoned; releases the database. */
  finish(summary: ExportSummary): void;
}

/**
 * The export body as a stream that pulls records only as fast as the reader takes bytes, so memory stays
 * flat whatever the size. CSV: UTF-8 with BOM, RFC 4180, optional HXL row. JSON Lines: one report per
 * line, then a manifest line with the row count, the cursor and the SHA-256 of the lines before it.
 * GeoJSON: a FeatureCollection of points at each report's region centroid (or no geometry).
 */
export function exportBody(records: AsyncIterable<ExportRecord>, options: BodyOptions): Readable {
  const columns = columnsFor(options.withText);
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let complete = false;
  const count = <T extends string | Buffer>(chunk: T): T => {
    hash.update(chunk);
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return chunk;
  };
  const done = () => options.finish({ rows, bytes, sha256: hash.digest('hex'), complete });

  if (options.format === 'xlsx')
    return xlsxBody(records, columns, { count, onRow: () => rows++, done, end: () => (complete = true) });

  async function* text(): AsyncGenerator<string> {
    try {
      if (options.format === 'csv') {
        yield count(`\uFEFF${csvLine(columns.map((c) => c.key))}`);
        if (options.hxl) yield count(csvLine(columns.map((c) => c.hxl)));
        for await (const record of records) {
          rows++;
          yield count(csvLine(columns.map((c) => record[c.key] ?? null)));
        }
      } else if (options.format === 'geojson') {
        // RFC 7946: a FeatureCollection, one feature per report; the count and cursor follow the features
        // as a foreign member, since they are known only at the end.
        yield count('{"type":"FeatureCollection","features":[\n');
        for await (const record of records) {
          const point = options.pointOf?.(record) ?? null;
          const feature = {
            type: 'Feature',
            id: record.reference_code,
            geometry: point ? { type: 'Point', coordinates: [point.longitude, point.latitude] } : null,
            properties: { ...record, location_precision: point?.level ?? null },
          };
          yield count(`${rows ? ',\n' : ''}${JSON.stringify(feature)}`);
          rows++;
        }
        yield count(`\n],"suara":${JSON.stringify({ rows, cursor: options.cursor })}}\n`);
      } else {
        for await (const record of records) {
          rows++;
          yield count(`${JSON.stringify(record)}\n`);
        }
        const manifest = { manifest: { rows, cursor: options.cursor, sha256: hash.copy().digest('hex') } };
        yield count(`${JSON.stringify(manifest)}\n`);
      }
      complete = true;
    } finally {
      done();
    }
  }
  return Readable.from(text(), { objectMode: false });
}

function xlsxBody(
  records: AsyncIterable<ExportRecord>,
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
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipped, useSharedStrings: false });
  const sheet = workbook.addWorksheet('reports');
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    hooks.done();
  };
  out.on('close', finish);
  (async () => {
    sheet.addRow(columns.map((c) => c.key)).commit();
    for await (const record of records) {
      hooks.onRow();
      sheet.addRow(columns.map((c) => record[c.key] ?? null)).commit();
      // The workbook writer does not wait for its reader: hold the rows back while the reader is behind.
      if (out.writableNeedDrain)
        await new Promise((resolve) => {
          out.once('drain', resolve);
          out.once('close', resolve);
        });
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
