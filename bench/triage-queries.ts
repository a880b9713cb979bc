/**
 * One side of the triage benchmark, run in a process of its own by bench/triage.ts:
 *   tsx bench/triage-queries.ts <baseline|inbox|search|report> <database-url> <iterations> <budget s> <explain: 0|1>
 * Warms up, times each scenario, and prints the raw timings as JSON on stdout (nothing else goes there).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { createDatabase, type DbExecutor } from '../src/db/database.js';
import * as schema from '../src/db/schema/index.js';
import { inboxFiltersSchema } from '../src/triage/inbox-filters.js';
import { countInboxByStatus, type InboxContext, listInbox } from '../src/triage/inbox-repository.js';
import { findScopedReport, loadReportContext } from '../src/triage/report-detail-repository.js';
import { seededUuid } from './triage-ids.js';
import { type ScenarioResult, SIDES, type SideResult } from './triage-results.js';
import { KIND } from './triage-rows.js';

const BASELINE_SQL =
  'select id, reference_code, created_at, status, category from reports order by created_at desc limit 50';
const INBOX_TARGET_MS = 50;
const SEARCH_TARGET_MS = 150;
const MIN_SAMPLES = 20;

interface Outcome {
  list?: number;
  count?: number;
  matches?: number;
}
interface Scenario {
  name: string;
  target: number | null;
  run(iteration: number): Promise<Outcome>;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/**
 * Warm-up, then `iterations` timed runs; a scenario slower than the budget stops early (with at least
 * MIN_SAMPLES runs) so a pathological plan cannot hold the bench for an hour. The table prints n.
 */
async function measure(scenario: Scenario, iterations: number, budgetMs: number): Promise<ScenarioResult> {
  const warmup = Math.max(10, Math.ceil(iterations / 10));
  const warmupStarted = performance.now();
  let runs = 0;
  while (runs < warmup && (runs < 2 || performance.now() - warmupStarted < budgetMs / 10))
    await scenario.run(runs++);
  const result: ScenarioResult = {
    name: scenario.name,
    target: scenario.target,
    matches: null,
    total: [],
    list: [],
    count: [],
  };
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) {
    if (i >= MIN_SAMPLES && performance.now() - started > budgetMs) break;
    const before = performance.now();
    const outcome = await scenario.run(runs++);
    result.total.push(performance.now() - before);
    if (outcome.list !== undefined) result.list.push(outcome.list);
    if (outcome.count !== undefined) result.count.push(outcome.count);
    if (outcome.matches !== undefined) result.matches = outcome.matches;
  }
  return result;
}

const [which, url, iterationsArg, budgetArg, explainArg] = process.argv.slice(2);
const side = SIDES.find((name) => name === which);
if (!side || !url)
  throw new Error(
    'usage: triage-queries.ts <baseline|inbox|search|report> <database-url> <iterations> <budget s> <0|1>',
  );
const iterations = Number(iterationsArg ?? 200);
const budgetMs = Number(budgetArg ?? 60) * 1000;
const database = createDatabase(url);
const db: DbExecutor = database.db;

const context = (scope: readonly string[] | null, user: number): InboxContext => ({
  scope,
  userId: seededUuid(KIND.user, user),
  now: new Date(),
  lowConfidenceBelow: 0.6,
});
// Users 1–3 are the seeded secretariat of province 64, user 0 the admin (bench/triage-seed.ts).
const secretariat64 = context(['64'], 1);
const admin = context(null, 0);

/** The inbox page's two queries, concurrently as the service runs them; a page short of rows fails the run. */
function inboxPage(ctx: InboxContext, raw: Record<string, string>, minRows: number) {
  const filters = inboxFiltersSchema.parse(raw);
  return async (): Promise<Outcome & { nextCursor: string | null }> => {
    const [[page, list], [tally, count]] = await Promise.all([
      timed(() => listInbox(db, ctx, filters)),
      timed(() => countInboxByStatus(db, ctx, filters)),
    ]);
    if (page.items.length < minRows)
      throw new Error(`${JSON.stringify(raw)} listed ${page.items.length} rows`);
    // Under a search the inbox counts nothing: the matches column then stays empty.
    const counts = tally?.counts;
    const matches = !counts
      ? undefined
      : filters.status
        ? counts[filters.status]
        : Object.values(counts).reduce((a, b) => a + b, 0);
    return { list, count, matches, nextCursor: page.nextCursor };
  };
}

async function cursorOfPage(ctx: InboxContext, pageNumber: number): Promise<string> {
  let cursor = '';
  for (let page = 1; page < pageNumber; page += 1) {
    const next = (await inboxPage(ctx, cursor ? { cursor } : {}, 50)()).nextCursor;
    if (!next) throw new Error(`the inbox has fewer than ${pageNumber} pages`);
    cursor = next;
  }
  return cursor;
}

async function randomCodes(count: number): Promise<string[]> {
  const result = await database.pool.query<{ reference_code: string }>(
    `select reference_code from reports where province_code = '64' order by random() limit $1`,
    [count],
  );
  if (result.rows.length < count) throw new Error('too few reports in province 64 to sample');
  return result.rows.map((row) => row.reference_code);
}

async function scenarios(): Promise<Scenario[]> {
  switch (side) {
    case 'baseline':
      return [
        {
          name: 'baseline: bare select … order by created_at desc limit 50',
          target: null,
          async run() {
            const result = await database.pool.query(BASELINE_SQL);
            if (result.rows.length !== 50) throw new Error('baseline listed fewer than 50 rows');
            return {};
          },
        },
      ];
    case 'inbox': {
      const page5 = await cursorOfPage(secretariat64, 5);
      return [
        { name: 'inbox p1, province 64', target: INBOX_TARGET_MS, run: inboxPage(secretariat64, {}, 50) },
        { name: 'inbox p1, admin (all provinces)', target: INBOX_TARGET_MS, run: inboxPage(admin, {}, 50) },
        {
          name: 'inbox p5 (cursor), province 64',
          target: INBOX_TARGET_MS,
          run: inboxPage(secretariat64, { cursor: page5 }, 50),
        },
      ];
    }
    case 'search': {
      const filters = { status: 'new', category: 'environmental' };
      return [
        {
          name: 'search 64+new+environmental "sungai"',
          target: SEARCH_TARGET_MS,
          run: inboxPage(secretariat64, { ...filters, q: 'sungai' }, 1),
        },
        {
          name: 'search 64+new+environmental "kolam jebol"',
          target: SEARCH_TARGET_MS,
          run: inboxPage(secretariat64, { ...filters, q: 'kolam jebol' }, 1),
        },
        {
          // No target: the is for a filtered search. Shown so the unfiltered worst case is known.
          name: 'search admin, no filter, "kolam jebol"',
          target: null,
          run: inboxPage(admin, { q: 'kolam jebol' }, 1),
        },
      ];
    }
    case 'report': {
      const codes = await randomCodes(iterations + Math.max(10, Math.ceil(iterations / 10)));
      return [
        {
          name: 'report page, random code, province 64',
          target: null,
          async run(iteration) {
            const report = await findScopedReport(db, ['64'], codes[iteration % codes.length] ?? '');
            if (!report) throw new Error('a sampled report was not found');
            const rest = await loadReportContext(db, report);
            if (rest.messages.length === 0)
              throw new Error(`report ${report.referenceCode} shows no message`);
            return {};
          },
        },
      ];
    }
    default:
      throw new Error(`unknown side ${String(side)}`);
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL the repositories sent, captured through drizzle's logger. */
async function explain(): Promise<SideResult['explains']> {
  const captured: { query: string; params: unknown[] }[] = [];
  const logging = drizzle(database.pool, {
    schema,
    logger: { logQuery: (query, params) => captured.push({ query, params }) },
  });
  const plans: SideResult['explains'] = [];
  const plan = async (name: string, query: string, params: unknown[] = []) => {
    const result = await database.pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${query}`,
      params,
    );
    plans.push({ name, plan: `${query}\n${result.rows.map((row) => row['QUERY PLAN']).join('\n')}` });
  };
  // Sequentially, so the captured order is list, then counts.
  const inbox = async (label: string, ctx: InboxContext, raw: Record<string, string>) => {
    const filters = inboxFiltersSchema.parse(raw);
    await listInbox(logging, ctx, filters);
    await countInboxByStatus(logging, ctx, filters);
    const [list, counts] = captured.splice(0);
    if (list) await plan(`${label} — list`, list.query, list.params);
    if (counts) await plan(`${label} — counts`, counts.query, counts.params);
  };
  if (side === 'baseline') await plan('baseline', BASELINE_SQL);
  if (side === 'inbox') {
    await inbox('inbox p1, province 64', secretariat64, {});
    await inbox('inbox p1, admin', admin, {});
  }
  if (side === 'search') {
    const filters = { status: 'new', category: 'environmental' };
    await inbox('search "sungai"', secretariat64, { ...filters, q: 'sungai' });
    await inbox('search "kolam jebol"', secretariat64, { ...filters, q: 'kolam jebol' });
  }
  if (side === 'report') {
    const [code] = await randomCodes(1);
    const report = await findScopedReport(logging, ['64'], code ?? '');
    if (report) await loadReportContext(logging, report);
    for (const [k, { query, params }] of captured.splice(0).entries())
      await plan(`report page — query ${k + 1}`, query, params);
  }
  return plans;
}

try {
  const results: ScenarioResult[] = [];
  for (const scenario of await scenarios()) results.push(await measure(scenario, iterations, budgetMs));
  const output: SideResult = {
    side,
    scenarios: results,
    explains: explainArg === '1' ? await explain() : [],
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  await database.close();
}
