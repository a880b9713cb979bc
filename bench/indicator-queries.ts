/**
 * One side of the indicators benchmark, run in a process of its own by bench/indicators.ts:
 *   tsx bench/indicator-queries.ts <rollup|naive> <database-url> <province> <year> <iterations> <budget s> <explain: 0|1>
 * `rollup` is the dashboard's own service call; `naive` computes the same figures with plain aggregates
 * over `reports`, as one would without a rollup. Prints its timings as one JSON line on stdout.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { createDatabase } from '../src/db/database.js';
import * as schema from '../src/db/schema/index.js';
import type { IndicatorCategory } from '../src/indicators/indicator-report.js';
import { createIndicatorService } from '../src/indicators/indicator-service.js';
import type { CaseName, Check, IndicatorCase, IndicatorSide, IndicatorSideResult } from './indicators.js';

const MIN_SAMPLES = 10;
const [sideArg, url, province = '', yearArg, iterationsArg, budgetArg, explainArg] = process.argv.slice(2);
const side: IndicatorSide | null = sideArg === 'rollup' || sideArg === 'naive' ? sideArg : null;
if (!side || !url || !province || !yearArg)
  throw new Error(
    'usage: indicator-queries.ts <rollup|naive> <database-url> <province> <year> <iterations> <budget s> <0|1>',
  );
const year = Number(yearArg);
const iterations = Number(iterationsArg ?? 50);
const budgetMs = Number(budgetArg ?? 60) * 1000;
// The whole year is what the issue's target is about; the second range has partial months at both ends,
// which the rollup cannot answer alone (the service reads those days from the reports).
const RANGES: { name: CaseName; from: string; to: string }[] = [
  { name: 'year', from: `${year}-01-01`, to: `${year}-12-31` },
  { name: 'partial', from: `${year}-02-15`, to: `${year}-11-14` },
];

const database = createDatabase(url);
type Range = (typeof RANGES)[number];

const perCategory = (value: (category: IndicatorCategory) => number): Record<IndicatorCategory, number> => ({
  licensing: value('licensing'),
  revenue: value('revenue'),
  environmental: value('environmental'),
});

/** The service's check figures for the province, from the report the dashboard renders. */
async function viaRollup(service: ReturnType<typeof createIndicatorService>, range: Range): Promise<Check> {
  const result = await service.report([province], { from: range.from, to: range.to, groupBy: 'month' });
  if (!result.ok) throw new Error(result.message);
  const figures = result.value.provinces.find((p) => p.provinceCode === province);
  if (!figures) throw new Error(`the report has no province ${province}`);
  return {
    received: figures.received,
    identified: perCategory((c) => figures.indicators[c].identified),
    followedUp: perCategory((c) => figures.indicators[c].followedUp),
    citizens: figures.citizens,
  };
}

// The baseline: straight over `reports`, local months in the province's zone, through the existing
// (province_code, created_at) indexes. $1 province, $2 first local date, $3 last local date (included).
const WHERE = `not r.simulated and r.province_code = $1
  and r.created_at >= $2::date::timestamp at time zone indicator_zone($1)
  and r.created_at < ($3::date + 1)::timestamp at time zone indicator_zone($1)`;
const IDENTIFIED = `r.duplicate_of_id is null and r.status in ('validated', 'in_follow_up', 'closed')`;
const DAYS = (column: string) => `extract(epoch from r.${column} - r.created_at) / 86400`;
const durations = (name: string, column: string, when: string) =>
  [0.5, 0.9]
    .map(
      (p) => `percentile_cont(${p}) within group (order by ${DAYS(column)})
        filter (where ${when} and r.${column} is not null) as ${name}_p${p * 100}`,
    )
    .join(',\n');
const NAIVE_SQL = {
  funnel: `select r.category, count(*)::int as received,
      count(*) filter (where r.duplicate_of_id is not null)::int as duplicates,
      count(*) filter (where r.status = 'rejected')::int as rejected,
      count(*) filter (where ${IDENTIFIED})::int as validated,
      count(*) filter (where ${IDENTIFIED} and r.first_follow_up_at is not null)::int as followed_up,
      count(*) filter (where ${IDENTIFIED} and r.status = 'closed' and r.outcome = 'resolved')::int as closed_resolved
    from reports r where ${WHERE} group by r.category`,
  outcomes: `select r.outcome, count(*)::int as reports from reports r
    where ${WHERE} and ${IDENTIFIED} and r.status = 'closed' group by r.outcome`,
  months: `select date_trunc('month', r.created_at at time zone indicator_zone($1))::date::text as month,
      r.category, r.channel, count(*)::int as reports
    from reports r where ${WHERE} group by 1, 2, 3 order by 1`,
  regencies: `select coalesce(r.regency_code, '') as regency, count(*)::int as received,
      count(*) filter (where ${IDENTIFIED})::int as identified
    from reports r where ${WHERE} group by 1 order by 2 desc`,
  durations: `select ${durations('triage', 'triaged_at', 'r.duplicate_of_id is null')},
      ${durations('follow_up', 'first_follow_up_at', IDENTIFIED)},
      ${durations('closure', 'closed_at', `r.duplicate_of_id is null and r.status = 'closed'`)}
    from reports r where ${WHERE}`,
  overdue: `select r.due_kind, count(*)::int as reports from reports r
    where ${WHERE} and r.due_at < now() group by r.due_kind`,
  sources: `select r.category_source, count(*)::int as reports from reports r
    where ${WHERE} group by r.category_source`,
  citizens: `select count(distinct r.contact_id)::int as citizens from reports r where ${WHERE}`,
};

/** All of the dashboard's figures from the raw table, the queries concurrently as the service runs its own. */
async function viaNaive(range: Range): Promise<Check> {
  const params = [province, range.from, range.to];
  const results = await Promise.all(
    Object.values(NAIVE_SQL).map((text) => database.pool.query(text, params)),
  );
  const [funnel, , , , , , , citizens] = results;
  const rows = funnel?.rows ?? [];
  const byCategory = (column: string) =>
    perCategory((c) => Number(rows.find((row) => row.category === c)?.[column] ?? 0));
  return {
    received: rows.reduce((sum, row) => sum + Number(row.received), 0),
    identified: byCategory('validated'),
    followedUp: byCategory('followed_up'),
    citizens: Number(citizens?.rows[0]?.citizens ?? 0),
  };
}

/** Warm-up, then up to `iterations` timed runs; a case slower than the budget stops after MIN_SAMPLES. */
async function measure(range: Range, run: () => Promise<Check>): Promise<IndicatorCase> {
  const warmup = Math.max(3, Math.ceil(iterations / 10));
  const warmupStarted = performance.now();
  let check = await run();
  for (let k = 1; k < warmup && performance.now() - warmupStarted < budgetMs / 10; k += 1)
    check = await run();
  const timings: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) {
    if (i >= MIN_SAMPLES && performance.now() - started > budgetMs) break;
    const before = performance.now();
    check = await run();
    timings.push(performance.now() - before);
  }
  return { ...range, timings, check };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the year case's SQL: the service's captured through drizzle's logger. */
async function explain(): Promise<IndicatorSideResult['explains']> {
  const range = RANGES[0];
  if (!range) return [];
  const statements: { name: string; text: string; params: unknown[] }[] = [];
  if (side === 'rollup') {
    const captured: { query: string; params: unknown[] }[] = [];
    const logging = drizzle(database.pool, {
      schema,
      logger: { logQuery: (query, params) => captured.push({ query, params }) },
    });
    await viaRollup(createIndicatorService({ db: logging, clock: () => new Date() }), range);
    for (const [k, { query, params }] of captured.entries())
      statements.push({ name: `rollup — query ${k + 1}`, text: query, params });
  } else {
    for (const [name, text] of Object.entries(NAIVE_SQL))
      statements.push({ name: `naive — ${name}`, text, params: [province, range.from, range.to] });
  }
  const plans: IndicatorSideResult['explains'] = [];
  for (const { name, text, params } of statements) {
    const result = await database.pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${text}`,
      params,
    );
    plans.push({ name, plan: `${text}\n${result.rows.map((row) => row['QUERY PLAN']).join('\n')}` });
  }
  return plans;
}

try {
  const service = createIndicatorService({ db: database.db, clock: () => new Date() });
  const cases: IndicatorCase[] = [];
  for (const range of RANGES)
    cases.push(await measure(range, () => (side === 'rollup' ? viaRollup(service, range) : viaNaive(range))));
  const output: IndicatorSideResult = { side, cases, explains: explainArg === '1' ? await explain() : [] };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  await database.close();
}
