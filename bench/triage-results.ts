import { z } from 'zod';

export const SIDES = ['baseline', 'inbox', 'search', 'report'] as const;
export type Side = (typeof SIDES)[number];

/** What a side's process prints on stdout: raw timings in milliseconds, one entry per iteration. */
export const sideResultSchema = z.object({
  side: z.enum(SIDES),
  scenarios: z.array(
    z.object({
      name: z.string(),
      /** The p95 target in ms, or null where it sets none. */
      target: z.number().nullable(),
      /** Rows the filters match (sum of the status counts, or the filtered status's count). */
      matches: z.number().nullable(),
      total: z.array(z.number()),
      list: z.array(z.number()),
      count: z.array(z.number()),
    }),
  ),
  explains: z.array(z.object({ name: z.string(), plan: z.string() })),
});
export type SideResult = z.infer<typeof sideResultSchema>;
export type ScenarioResult = SideResult['scenarios'][number];

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value.toFixed(value < 10 ? 2 : 1));

/** The result table: percentiles, ratio to the baseline's p95, target and verdict. */
export function formatTable(results: readonly SideResult[]): { text: string; failed: number } {
  const scenarios = results.flatMap((result) => result.scenarios);
  const baseline = results.find((result) => result.side === 'baseline')?.scenarios[0];
  const baseP95 = baseline ? percentile(baseline.total, 95) : Number.NaN;
  let failed = 0;
  const header = [
    'query',
    'n',
    'matches',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'p95/base',
    'list p95',
    'counts p95',
    'target',
    'result',
  ];
  const rows = scenarios.map((s) => {
    const p95 = percentile(s.total, 95);
    const pass = s.target === null ? null : p95 <= s.target;
    if (pass === false) failed += 1;
    return [
      s.name,
      String(s.total.length),
      s.matches === null ? '—' : s.matches.toLocaleString('en-US'),
      ms(percentile(s.total, 50)),
      ms(p95),
      ms(percentile(s.total, 99)),
      s === baseline ? '1.0×' : `${(p95 / baseP95).toFixed(1)}×`,
      ms(percentile(s.list, 95)),
      ms(percentile(s.count, 95)),
      s.target === null ? '—' : `≤ ${s.target} ms`,
      pass === null ? '—' : pass ? 'PASS' : 'FAIL',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return { text: [render(header), rule, ...rows.map(render)].join('\n'), failed };
}
