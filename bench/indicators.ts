/**
 * Indicators benchmark (`npm run bench:indicators`): seeds BENCH_REPORTS reports (default 1,000,000) with
 * the triage bench's seeder, then times the dashboard's indicator report for one province and its fullest
 * calendar year (the target: p95 ≤ 300 ms), and a range with partial months at both ends, against
 * the same figures computed by plain aggregate SQL over `reports`. Each side runs in its own process
 * (bench/indicator-queries.ts), the naive baseline included, so no side shares an event loop or a pool.
 *
 * BENCH_ITERATIONS (50) timed runs per case after a warm-up, fewer (at least 10) past BENCH_QUERY_SECONDS
 * (60) per case; BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of each side's SQL for the year;
 * BENCH_KEEP_DB=1 keeps the database; BENCH_DB_URL reuses a seeded one (never dropped).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { migrateDatabase } from '../src/db/migrate-database.js';
import { INDICATOR_CATEGORIES } from '../src/indicators/indicator-report.js';
import { percentile } from './triage-results.js';
import { seedTriage } from './triage-seed.js';

const SIDES = ['rollup', 'naive'] as const;
export type IndicatorSide = (typeof SIDES)[number];
const CASES = ['year', 'partial'] as const;
export type CaseName = (typeof CASES)[number];
const perCategory = z.object({ licensing: z.number(), revenue: z.number(), environmental: z.number() });
/** Headline figures both sides must agree on: computed two ways, they show the rollup is not cheating. */
const counts = { received: z.number(), citizens: z.number() };
const checkSchema = z.object({ ...counts, identified: perCategory, followedUp: perCategory });
export type Check = z.infer<typeof checkSchema>;
const range = { name: z.enum(CASES), from: z.string(), to: z.string() };
const sideResultSchema = z.object({
  side: z.enum(SIDES),
  cases: z.object({ ...range, timings: z.number().array(), check: checkSchema }).array(),
  explains: z.object({ name: z.string(), plan: z.string() }).array(),
});
export type IndicatorSideResult = z.infer<typeof sideResultSchema>;
export type IndicatorCase = IndicatorSideResult['cases'][number];

const TARGET_MS = 300;
const PREFERRED_PROVINCE = '64'; // Kalimantan Timur, the programme's largest: used unless another has more
const config = {
  adminUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  reports: Number(process.env.BENCH_REPORTS ?? 1_000_000),
  iterations: Number(process.env.BENCH_ITERATIONS ?? 50),
  budgetSeconds: Number(process.env.BENCH_QUERY_SECONDS ?? 60),
  explain: process.env.BENCH_EXPLAIN === '1',
  keep: process.env.BENCH_KEEP_DB === '1',
  reuseUrl: process.env.BENCH_DB_URL,
};
const QUERIES = fileURLToPath(new URL('./indicator-queries.ts', import.meta.url));
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const count = (n: number) => n.toLocaleString('en-US');

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
    const [row] = await query<{ n: number }>(config.reuseUrl, 'select count(*)::int as n from reports');
    if (!row || row.n === 0)
      throw new Error('BENCH_DB_URL has no reports: seed one with BENCH_KEEP_DB=1 first');
    log(`Reusing ${new URL(config.reuseUrl).pathname.slice(1)} (${count(row.n)} reports).`);
    return config.reuseUrl;
  }
  const name = `suara_bench_indicators_${randomBytes(4).toString('hex')}`;
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
  log(`Seeding ${count(config.reports)} reports into ${name} by COPY…`);
  await seedTriage(url.toString(), config.reports, log);
  log(`Seeded in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  return url.toString();
}

interface Subject {
  province: string;
  year: number;
  reports: number;
  months: number;
}

/** The preferred province unless another has more, and its calendar year (local time) with the most reports. */
async function chooseSubject(url: string): Promise<Subject> {
  const rows = await query<Subject>(
    url,
    `select province_code as province, extract(year from local)::int as year, count(*)::int as reports,
            count(distinct date_trunc('month', local))::int as months
       from (select province_code, created_at at time zone indicator_zone(province_code) as local
               from reports where not simulated and province_code is not null) as r
      group by 1, 2 order by reports desc`,
  );
  const fullest = (province: string | undefined) => rows.find((row) => row.province === province);
  const preferred = fullest(PREFERRED_PROVINCE);
  const largest = rows[0];
  const subject = preferred && largest && preferred.reports >= largest.reports ? preferred : largest;
  if (!subject) throw new Error('no reports with a province');
  if (subject.months < 12) log(`Warning: ${subject.year} holds only ${subject.months} months of data.`);
  return subject;
}

async function runSide(side: IndicatorSide, url: string, subject: Subject): Promise<IndicatorSideResult> {
  log(`Timing ${side} (own process, up to ${config.iterations} iterations per case)…`);
  const rest = [subject.year, config.iterations, config.budgetSeconds, config.explain ? 1 : 0].map(String);
  const args = ['--import', 'tsx', QUERIES, side, url, subject.province, ...rest];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  child = proc;
  const chunks: string[] = [];
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => chunks.push(chunk));
  const [code] = await once(proc, 'exit');
  child = null;
  if (code !== 0) throw new Error(`the ${side} process exited with ${String(code)}`);
  return sideResultSchema.parse(JSON.parse(chunks.join('')));
}

const caseOf = (results: readonly IndicatorSideResult[], side: IndicatorSide, name: CaseName) =>
  results.find((result) => result.side === side)?.cases.find((c) => c.name === name);
const ms = (value: number): string => (Number.isNaN(value) ? '—' : value.toFixed(value < 10 ? 2 : 1));

/** One row per case and side; the ratio naive p95 / rollup p95 on the rollup's row; the target on the year. */
function formatTable(results: readonly IndicatorSideResult[]): { text: string; failed: boolean } {
  let failed = false;
  const header = ['case', 'side', 'n', 'p50 ms', 'p95 ms', 'max ms', 'naive/rollup p95', 'target', 'result'];
  const rows = CASES.flatMap((name) =>
    SIDES.map((side) => {
      const found = caseOf(results, side, name);
      const values = found?.timings ?? [];
      const p95 = percentile(values, 95);
      const naive = percentile(caseOf(results, 'naive', name)?.timings ?? [], 95);
      const target = side === 'rollup' && name === 'year' ? TARGET_MS : null;
      const pass = target === null ? null : p95 <= target;
      if (pass === false) failed = true;
      return [
        found ? `${name} ${found.from} … ${found.to}` : name,
        side === 'rollup' ? 'rollup (service)' : 'naive SQL',
        String(values.length),
        ms(percentile(values, 50)),
        ms(p95),
        ms(Math.max(...values)),
        side === 'rollup' ? `${(naive / p95).toFixed(1)}×` : '—',
        target === null ? '—' : `≤ ${target} ms`,
        pass === null ? '—' : pass ? 'PASS' : 'FAIL',
      ];
    }),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return { text: [render(header), rule, ...rows.map(render)].join('\n'), failed };
}

/** The honesty check: the same headline figures from both sides, loudly different if they are not. */
function compareChecks(results: readonly IndicatorSideResult[]): { text: string; failed: boolean } {
  const lines: string[] = [];
  let failed = false;
  for (const name of CASES) {
    const [rollup, naive] = SIDES.map((side) => caseOf(results, side, name)?.check);
    const same = rollup !== undefined && JSON.stringify(rollup) === JSON.stringify(naive);
    const figures = (check: Check | undefined) => {
      if (!check) return 'missing';
      const ratios = INDICATOR_CATEGORIES.map(
        (c) => `${c} ${count(check.identified[c])}/${count(check.followedUp[c])}`,
      );
      return `received ${count(check.received)}, identified/followed up ${ratios.join(', ')}, citizens ${count(check.citizens)}`;
    };
    if (same) lines.push(`Check ${name}: both sides agree — ${figures(rollup)}.`);
    else {
      failed = true;
      lines.push(`!!! MISMATCH in the ${name} case: the rollup and the naive SQL disagree !!!`);
      lines.push(`    rollup: ${figures(rollup)}`, `    naive:  ${figures(naive)}`);
    }
  }
  return { text: lines.join('\n'), failed };
}

async function main(): Promise<number> {
  const url = await prepareDatabase();
  const subject = await chooseSubject(url);
  const results: IndicatorSideResult[] = [];
  for (const side of SIDES) results.push(await runSide(side, url, subject));
  const [about] = await query<{ version: string; n: number; size: string; cells: number }>(
    url,
    `select current_setting('server_version') as version, (select count(*) from reports)::int as n,
            pg_size_pretty(pg_total_relation_size('reports')) as size,
            (select count(*) from indicator_rollup)::int as cells`,
  );
  const [table, checks] = [formatTable(results), compareChecks(results)];
  console.log(`
PostgreSQL ${about?.version}; reports: ${count(about?.n ?? 0)} rows, ${about?.size} with indexes; \
indicator_rollup: ${count(about?.cells ?? 0)} cells.
Province ${subject.province}, calendar year ${subject.year} (its fullest): ${count(subject.reports)} \
non-simulated reports over ${subject.months} local months.

${table.text}

${checks.text}

rollup: createIndicatorService(…).report([province], { from, to, groupBy: 'month' }); naive: the same \
figures by aggregate SQL over reports, its queries run concurrently.`);
  if (config.explain)
    for (const { name, plan } of results.flatMap((result) => result.explains))
      console.log(`\n### ${name}\n${plan}`);
  return table.failed || checks.failed ? 1 : 0;
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
