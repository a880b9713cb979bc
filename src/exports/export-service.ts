import type { Readable } from 'node:stream';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import { appendAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { PlaceDirectory } from '../geo/place-directory.js';
import { NO_COORDINATES, type RegionCoordinates } from '../geo/region-coordinates.js';
import type { Logger } from '../logger.js';
import { type ExportSummary, exportBody } from './export-body.js';
import type { ExportCell } from './export-columns.js';
import { decodeExportCursor, encodeExportCursor } from './export-cursor.js';
import type { ExportFormat, ExportQuery } from './export-filters.js';
import { exportCellsOf } from './export-record.js';
import { type ExportRow, exportSql, type ResolvedExport } from './export-sql.js';
import type { PartnerCaller } from './partner-service.js';
import { rowBatches } from './row-batches.js';

export interface OpenedExport {
  cursor: string;
  contentType: string;
  filename: string;
  body: Readable;
  /** Settles when the body ended or was abandoned. */
  summary: Promise<ExportSummary>;
  /** Reports written into the body so far, for progress output. */
  rowsSoFar(): number;
}

export type ExportResult =
  | { ok: true; value: OpenedExport }
  | { ok: false; status: 400 | 403; message: string };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json; charset=utf-8',
};

/** A region code cell (codes are text, or null). */
const codeOf = (cell: ExportCell | undefined): string | null => (typeof cell === 'string' ? cell : null);

/** The request's filters inside the partner's scope; a filter outside it is refused, never widened. */
export function resolveExport(
  caller: PartnerCaller,
  query: ExportQuery,
): { ok: true; value: ResolvedExport } | { ok: false; status: 400 | 403; message: string } {
  const { partner } = caller;
  const outside = (asked: string[], allowed: string[], what: string) => {
    const extra = allowed.length ? asked.filter((value) => !allowed.includes(value)) : [];
    return extra.length ? `${what} ${extra.join(', ')} outside your scope (${allowed.join(', ')})` : null;
  };
  const problem =
    outside(query.province, partner.provinces, 'province') ??
    outside(
      query.regency.map((code) => code.slice(0, 2)),
      partner.provinces,
      'regency in province',
    ) ??
    outside(query.category, partner.categories, 'category') ??
    outside(query.status, partner.statuses, 'status');
  if (problem) return { ok: false, status: 403, message: `Refused: ${problem}.` };
  if (query.from && query.to && query.from > query.to)
    return { ok: false, status: 400, message: 'from must not be after to.' };
  let since: string | null = null;
  if (query.since) {
    since = decodeExportCursor(query.since);
    if (!since) return { ok: false, status: 400, message: 'since is not a cursor from a previous export.' };
  }
  return {
    ok: true,
    value: {
      provinces: query.province.length ? query.province : partner.provinces,
      categories: query.category.length ? query.category : partner.categories,
      regencies: query.regency,
      statuses: query.status.length ? query.status : partner.statuses,
      from: query.from ?? null,
      to: query.to ?? null,
      since,
      withText: partner.withText,
    },
  };
}

/**
 * Partner exports: one REPEATABLE READ transaction per export, whose snapshot becomes the next cursor,
 * read through a server-side cursor and streamed as the reader takes it. Every export is audited.
 */
export function createExportService(deps: {
  db: Db;
  pool: pg.Pool;
  places: PlaceDirectory;
  /** Region centroids for GeoJSON; without them features carry no geometry. */
  coordinates?: RegionCoordinates;
  logger: Logger;
}) {
  async function audit(caller: PartnerCaller, query: ExportQuery, cursor: string, summary: ExportSummary) {
    const { since: _since, ...filters } = query;
    await deps.db.transaction((tx) =>
      appendAudit(tx, {
        actorUserId: null,
        actor: `partner:${caller.partner.name}`,
        action: 'export.reports',
        subjectType: 'partner',
        subjectId: caller.partner.id,
        after: {
          keyPrefix: caller.keyPrefix,
          filters,
          incremental: Boolean(query.since),
          cursor,
          ...summary,
        },
      }),
    );
  }

  return {
    async open(caller: PartnerCaller, query: ExportQuery): Promise<ExportResult> {
      const resolved = resolveExport(caller, query);
      if (!resolved.ok) return resolved;
      const client = await deps.pool.connect();
      let released = false;
      const release = async (commit: boolean) => {
        if (released) return;
        released = true;
        try {
          await client.query(commit ? 'commit' : 'rollback');
        } catch {
          // The connection is gone; the pool drops it on release with an error.
        }
        client.release();
      };
      try {
        await client.query('begin isolation level repeatable read read only');
        const snapshot = await client.query<{ snapshot: string }>(
          'select pg_current_snapshot()::text as snapshot',
        );
        const cursor = encodeExportCursor(snapshot.rows[0]?.snapshot ?? '');
        const { text, values } = exportSql(resolved.value);
        // Array rows (no object per row), fetched 1,000 at a time with room for two batches: Postgres
        // reads the next batch while this one is written, and the live rows stay few (larger batches
        // raised the peak memory by 100 MB for no speed).
        const rows = client.query(
          new QueryStream(text, values, { batchSize: 1000, highWaterMark: 2000, rowMode: 'array' }),
        );
        const { places } = deps;
        const coordinates = deps.coordinates ?? NO_COORDINATES;
        const cellsOf = exportCellsOf(places, caller.pseudonym, resolved.value.withText);
        let produced = 0;
        async function* reports(): AsyncGenerator<ExportRow[]> {
          for await (const batch of rowBatches<ExportRow>(rows, 1000)) {
            produced += batch.length;
            yield batch;
          }
        }
        let settle: (summary: ExportSummary) => void = () => {};
        const summary = new Promise<ExportSummary>((resolve) => {
          settle = resolve;
        });
        const body = exportBody(reports(), cellsOf, {
          format: query.format,
          withText: resolved.value.withText,
          hxl: query.hxl,
          cursor,
          pointOf: (record) =>
            coordinates.pointOf({
              provinceCode: codeOf(record.province_code),
              regencyCode: codeOf(record.regency_code),
              districtCode: codeOf(record.district_code),
              villageCode: codeOf(record.village_code),
            }),
          finish(result) {
            void release(result.complete).then(() => {
              settle(result);
              audit(caller, query, cursor, result).catch((error: unknown) =>
                deps.logger.error(
                  { err: error instanceof Error ? error.message : String(error) },
                  'export audit failed',
                ),
              );
            });
          },
        });
        return {
          ok: true,
          value: {
            cursor,
            contentType: CONTENT_TYPES[query.format],
            filename: `suara-reports-${new Date().toISOString().slice(0, 10)}.${query.format}`,
            body,
            summary,
            rowsSoFar: () => produced,
          },
        };
      } catch (error) {
        await release(false);
        throw error;
      }
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
