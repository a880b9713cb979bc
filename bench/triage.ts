/**
 * Triage benchmark (`npm run bench:triage`): seeds BENCH_REPORTS reports (default 1,000,000) by COPY
 * into a fresh database, then times the inbox, search and report-page queries against a bare
 * `select … order by created_at desc limit 50` on the same table. Each side runs in its own process
 * (bench/triage-queries.ts), the baseline included, so no side shares an event loop or a pool.
 *
 * BENCH_ITERATIONS (200) timed runs per query after a warm-up, fewer (at least 20) when they take
 * longer than BENCH_QUERY_SECONDS (45) in all; BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of
 * the SQL each side sends; BENCH_KEEP_DB=1 keeps the database; BENCH_DB_URL reuses an already seeded
 * database (never dropped) to iterate on queries quickly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase } from '../src/db/migrate-database.js';
import { formatTable, SIDES, type Side, type SideResult, sideResultSchema } from './triage-results.js';
import { seedTriage } from './triage-seed.js';

const config = {
  adminUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  reports: Number(process.env.BENCH_REPORTS ?? 1_000_000),
  iterations: Number(process.env.BENCH_ITERATIONS ?? 200),
  /** Per query: a plan slower than this stops early (after 20 runs) instead of holding the bench for an hour. */
  budgetSeconds: Number(process.env.BENCH_QUERY_SECONDS ?? 45),
  explain: process.env.BENCH_EXPLAIN === '1',
  keep: process.env.BENCH_KEEP_DB === '1',
  reuseUrl: process.env.BENCH_DB_URL,
};
const QUERIES = fileURLToPath(new URL('./triage-queries.ts', import.meta.url));
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

let child: ChildProcess | null = null;
let dropDatabase: (() => Promise<void>) | null = null;

async function dropOnce(): Promise<void> {
  const drop = dropDatabase;
  dropDatabase = null;
  if (drop) await drop();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<string> {
  if (config.reuseUrl) {
    const [row] = await query<{ n: string }>(config.reuseUrl, 'select count(*)::text as n from reports');
    if (!row || Number(row.n) === 0)
      throw new Error('BENCH_DB_URL has no reports: seed one with BENCH_KEEP_DB=1 first');
    log(
      `Reusing ${new URL(config.reuseUrl).pathname.slice(1)} (${Number(row.n).toLocaleString('en-US')} reports).`,
    );
    return config.reuseUrl;
  }
  const name = `suara_bench_triage_${randomBytes(4).toString('hex')}`;
  const url = new URL(config.adminUrl);
  url.pathname = `/${name}`;
  dropDatabase = config.keep
    ? async () => log(`Kept the database: BENCH_DB_URL=${url.toString()}`)
    : async () => {
        await query(config.adminUrl, `drop database if exists "${name}" with (force)`);
        log(`Dropped ${name}.`);
      };
  const started = performance.now();
  await migrateDatabase(url.toString());
  log(`Seeding ${config.reports.toLocaleString('en-US')} reports into ${name} by COPY…`);
  await seedTriage(url.toString(), config.reports, log);
  log(`Seeded in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  return url.toString();
}

async function runSide(side: Side, url: string): Promise<SideResult> {
  log(`Timing ${side} (own process, ${config.iterations} iterations)…`);
  const args = [
    '--import',
    'tsx',
    QUERIES,
    side,
    url,
    String(config.iterations),
    String(config.budgetSeconds),
    config.explain ? '1' : '0',
  ];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  child = proc;
  let stdout = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    stdout += chunk;
  });
  const [code] = await once(proc, 'exit');
  child = null;
  if (code !== 0) throw new Error(`the ${side} process exited with ${String(code)}`);
  return sideResultSchema.parse(JSON.parse(stdout));
}

async function describe(url: string): Promise<string> {
  const [row] = await query<{ version: string; n: string; size: string }>(
    url,
    `select current_setting('server_version') as version, (select count(*) from reports)::text as n,
            pg_size_pretty(pg_total_relation_size('reports')) as size`,
  );
  return row
    ? `PostgreSQL ${row.version}; reports: ${Number(row.n).toLocaleString('en-US')} rows, ${row.size} with indexes; ${config.iterations} timed iterations per query`
    : '';
}

async function main(): Promise<number> {
  const url = await prepareDatabase();
  const results: SideResult[] = [];
  for (const side of SIDES) results.push(await runSide(side, url));
  const { text, failed } = formatTable(results);
  console.log(`\n${await describe(url)}\n\n${text}\n`);
  console.log(
    "p95/base: the query's p95 over the bare select's p95. list/counts: the two queries the inbox page runs concurrently.",
  );
  if (config.explain) {
    for (const { name, plan } of results.flatMap((result) => result.explains))
      console.log(`\n### ${name}\n${plan}`);
  }
  return failed === 0 ? 0 : 1;
}

// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by the tsx
// launcher), and a second SIGINT without a listener would kill it before the database is dropped.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    child?.kill('SIGTERM');
    void dropOnce().finally(() => process.exit(130));
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!stopping) log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await dropOnce();
}
