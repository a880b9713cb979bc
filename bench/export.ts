/**
 * Export benchmark (`npm run bench:export`): seeds BENCH_REPORTS reports (default 1,000,000) with the triage
 * bench's seeder, makes a partner whose scope is everything (citizen's words included), then streams its
 * whole export in each format through the export service, and, as the floor, Postgres's own
 * `COPY (the same select) TO STDOUT` of the same rows. Every side runs in its own process
 * (bench/export-side.ts), so peak memory is each side's own. Prints rows/s, MB/s, peak RSS and the ratio
 * to COPY, and whether the targets hold: CSV and JSON Lines at ≥ 0.5 of COPY's rows/s, peak RSS ≤ 256 MB.
 * BENCH_DB_URL reuses a seeded database (never dropped); BENCH_KEEP_DB=1 keeps the new one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { createDatabase } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrate-database.js';
import { createPartnerService } from '../src/exports/partner-service.js';
import { createPiiCipher } from '../src/privacy/pii-cipher.js';
import { BENCH_PARTNER, BENCH_PII_KEY } from './export-partner.js';
import { seedTriage } from './triage-seed.js';

const config = {
  adminUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  reports: Number(process.env.BENCH_REPORTS ?? 1_000_000),
  keep: process.env.BENCH_KEEP_DB === '1',
  reuseUrl: process.env.BENCH_DB_URL,
};
const SIDE = fileURLToPath(new URL('./export-side.ts', import.meta.url));
const RUNS: { side: 'copy' | 'service'; format: 'csv' | 'jsonl' | 'xlsx' }[] = [
  { side: 'copy', format: 'csv' },
  { side: 'service', format: 'csv' },
  { side: 'service', format: 'jsonl' },
  { side: 'service', format: 'xlsx' },
];
const resultSchema = z.object({
  side: z.string(),
  format: z.string(),
  rows: z.number(),
  bytes: z.number(),
  seconds: z.number(),
  peakRssMb: z.number(),
});
type SideResult = z.infer<typeof resultSchema>;
/** The targets for the formats partners pull in bulk. */
const TARGET = { shareOfCopy: 0.5, peakRssMb: 256, formats: ['csv', 'jsonl'] } as const;
const log = (text: string) => process.stderr.write(`${text}\n`);
const count = (n: number) => Math.round(n).toLocaleString('en-US');

async function prepare(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (config.reuseUrl) return { url: config.reuseUrl, drop: async () => {} };
  const name = `suara_bench_export_${randomBytes(4).toString('hex')}`;
  const url = new URL(config.adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  log(`Seeding ${count(config.reports)} reports into ${name} by COPY…`);
  await seedTriage(url.toString(), config.reports, log);
  const drop = async () => {
    if (config.keep) {
      log(`Kept the database: BENCH_DB_URL=${url.toString()}`);
      return;
    }
    const admin = new pg.Client({ connectionString: config.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    log(`Dropped ${name}.`);
  };
  return { url: url.toString(), drop };
}

/** The partner the service side exports as: every province, category and exported status, words included. */
async function ensurePartner(url: string): Promise<void> {
  const database = createDatabase(url);
  const partners = createPartnerService({
    db: database.db,
    cipher: createPiiCipher(BENCH_PII_KEY),
    clock: () => new Date(),
  });
  if (!(await partners.callerByName(BENCH_PARTNER))) {
    const created = await partners.create(
      { userId: null, label: 'bench' },
      { name: BENCH_PARTNER, withText: true },
    );
    if (!created.ok) throw new Error(created.error);
  }
  await database.close();
}

async function runSide(url: string, run: (typeof RUNS)[number]): Promise<SideResult> {
  log(`Exporting: ${run.side} ${run.format} (own process)…`);
  const proc = spawn(process.execPath, ['--import', 'tsx', SIDE, run.side, url, run.format], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const chunks: string[] = [];
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => chunks.push(chunk));
  const [code] = await once(proc, 'exit');
  if (code !== 0) throw new Error(`the ${run.side} ${run.format} process exited with ${String(code)}`);
  return resultSchema.parse(JSON.parse(chunks.join('')));
}

function table(results: SideResult[]): string {
  const floor = results.find((r) => r.side === 'copy');
  const floorRate = floor ? floor.rows / floor.seconds : Number.NaN;
  const header = [
    'side',
    'format',
    'rows',
    'seconds',
    'rows/s',
    'MB/s',
    'peak RSS MB',
    "share of COPY's rows/s",
  ];
  const rows = results.map((r) => [
    r.side === 'copy' ? 'COPY … TO STDOUT' : 'export service',
    r.format,
    count(r.rows),
    r.seconds.toFixed(2),
    count(r.rows / r.seconds),
    (r.bytes / 1e6 / r.seconds).toFixed(1),
    r.peakRssMb.toFixed(0),
    r.side === 'copy' ? '—' : (r.rows / r.seconds / floorRate).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (row: string[]) =>
    `| ${row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [render(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(render)].join(
    '\n',
  );
}

async function main(): Promise<number> {
  const { url, drop } = await prepare();
  try {
    await ensurePartner(url);
    const results: SideResult[] = [];
    for (const run of RUNS) results.push(await runSide(url, run));
    const counts = new Set(results.map((r) => r.rows));
    console.log(`\n${table(results)}\n`);
    if (counts.size !== 1 || results[0]?.rows === 0) {
      console.log('!!! The sides exported different row counts (or none): the comparison is void !!!');
      return 1;
    }
    const floor = results.find((r) => r.side === 'copy');
    for (const r of results.filter(
      (x) => x.side === 'service' && TARGET.formats.some((f) => f === x.format),
    )) {
      const share = floor ? r.rows / r.seconds / (floor.rows / floor.seconds) : 0;
      const met = share >= TARGET.shareOfCopy && r.peakRssMb <= TARGET.peakRssMb;
      console.log(
        `${r.format}: ${share.toFixed(2)} of COPY's rows/s (target ≥ ${TARGET.shareOfCopy}), peak RSS ${r.peakRssMb.toFixed(0)} MB (target ≤ ${TARGET.peakRssMb}): ${met ? 'met' : 'NOT met'}`,
      );
    }
    console.log(
      'Every side exported the same rows (validated, in follow-up or closed, not simulated). Peak RSS is the whole process (Node, pg, the gazetteer for the service side).',
    );
    return 0;
  } finally {
    await drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench:export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
