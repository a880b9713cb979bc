/**
 * One side of the export benchmark, run in a process of its own by bench/export.ts:
 *   tsx bench/export-side.ts <service|copy> <database-url> <format: csv|jsonl|xlsx>
 * `service` streams a partner export through the export service (snapshot transaction, cursor, pseudonyms,
 * scrubbing, the format's writer) into a counting sink; `copy` is the floor: Postgres's own
 * `COPY (the same select) TO STDOUT (FORMAT csv)`. Prints one JSON line: rows, bytes, seconds, peak RSS.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createDatabase } from '../src/db/database.js';
import { EXPORT_FORMATS, type ExportFormat, exportQuerySchema } from '../src/exports/export-filters.js';
import { createExportService } from '../src/exports/export-service.js';
import { exportSql } from '../src/exports/export-sql.js';
import { createPartnerService } from '../src/exports/partner-service.js';
import { loadGazetteer } from '../src/geo/load-gazetteer.js';
import { createLogger } from '../src/logger.js';
import { createPiiCipher } from '../src/privacy/pii-cipher.js';
import { BENCH_PARTNER, BENCH_PII_KEY } from './export-partner.js';

const [side, url, formatArg = 'csv'] = process.argv.slice(2);
if ((side !== 'service' && side !== 'copy') || !url || !EXPORT_FORMATS.includes(formatArg as ExportFormat))
  throw new Error('usage: export-side.ts <service|copy> <database-url> <csv|jsonl|xlsx>');
const format = formatArg as ExportFormat;

/** Counts what it is given and keeps nothing: the reader at the other end of a fast network. */
function countingSink(): { sink: Writable; bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
}

async function viaService(): Promise<{ rows: number; bytes: number }> {
  const database = createDatabase(url ?? '');
  const logger = createLogger({ level: 'warn', production: true });
  const cipher = createPiiCipher(BENCH_PII_KEY);
  const partners = createPartnerService({ db: database.db, cipher, clock: () => new Date() });
  const caller = await partners.callerByName(BENCH_PARTNER);
  if (!caller) throw new Error(`no partner ${BENCH_PARTNER}: the orchestrator creates it`);
  const gazetteer = await loadGazetteer();
  const service = createExportService({
    db: database.db,
    pool: database.pool,
    places: gazetteer.places,
    logger,
  });
  const opened = await service.open(caller, exportQuerySchema.parse({ format }));
  if (!opened.ok) throw new Error(opened.message);
  const { sink, bytes } = countingSink();
  await pipeline(opened.value.body, sink);
  const summary = await opened.value.summary;
  await database.close();
  return { rows: summary.rows, bytes: bytes() };
}

async function viaCopy(): Promise<{ rows: number; bytes: number }> {
  const statement = exportSql({
    provinces: [],
    categories: [],
    regencies: [],
    statuses: ['validated', 'in_follow_up', 'closed'],
    from: null,
    to: null,
    since: null,
    withText: true,
  });
  // COPY takes no parameters: the one value (the statuses) inlined as a literal.
  const text = statement.text.replace('$1::text[]', "'{validated,in_follow_up,closed}'::text[]");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { sink, bytes } = countingSink();
  const stream = client.query(copyTo(`copy (${text}) to stdout (format csv)`));
  await pipeline(stream, sink);
  await client.end();
  return { rows: Number(stream.rowCount), bytes: bytes() };
}

const started = performance.now();
const result = side === 'service' ? await viaService() : await viaCopy();
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ side, format, ...result, seconds, peakRssMb })}\n`);
