import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { UiLanguage } from '../auth/roles.js';
import { loadGazetteer } from '../geo/load-gazetteer.js';
import { rebuildIndicatorRollup } from '../indicators/indicator-repository.js';
import { createIndicatorService } from '../indicators/indicator-service.js';
import { indicatorTables } from '../indicators/indicator-tables.js';
import { writeIndicatorCsv } from '../indicators/write-indicator-csv.js';
import { writeIndicatorXlsx } from '../indicators/write-indicator-xlsx.js';
import type { Command } from './command.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { runWithUsage } from './run-with-usage.js';
import { UsageError } from './usage-error.js';
import { withCliDatabase } from './with-cli-database.js';

const USAGE = `Usage:
  suara indicators [--province 64[,74]] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                   [--group-by month|quarter] [--format text|csv|xlsx|json] [--lang id|en] [--out FILE]
  suara indicators rebuild

The programme's indicators (docs/indicators.md) for reports received from --from to --to (local dates,
both included; default: 1 January of this year to today), for the given provinces (default: all).
  text   a summary table (default)
  csv    the indicator tables, UTF-8 with BOM, as the workspace downloads them
  xlsx   the same as a workbook: give --out FILE, or redirect standard output
  json   the report as GET /api/v1/indicators answers it
rebuild recomputes the indicator rollup from the reports (after a restore or a bulk load); the figures
are kept current as reports change, so it is never needed in normal running.`;

const isFormat = (value: string): value is 'text' | 'csv' | 'xlsx' | 'json' =>
  ['text', 'csv', 'xlsx', 'json'].includes(value);

async function show(args: string[]): Promise<number> {
  const options = parseSubcommandArgs(args, {
    province: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'group-by': { type: 'string' },
    format: { type: 'string', default: 'text' },
    lang: { type: 'string', default: 'id' },
    out: { type: 'string' },
  });
  const format = options.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`--format must be text, csv, xlsx or json, not "${format}"`);
  const groupBy = options['group-by'] ?? 'month';
  if (groupBy !== 'month' && groupBy !== 'quarter')
    throw new UsageError('--group-by must be month or quarter');
  const language: UiLanguage = options.lang === 'en' ? 'en' : 'id';
  const provinces = options.province ? options.province.split(',').map((code) => code.trim()) : [];
  if (provinces.some((code) => !/^\d{2}$/.test(code)))
    throw new UsageError('--province takes two-digit province codes, e.g. 64 or 11,64,74');
  if (format === 'xlsx' && !options.out && process.stdout.isTTY)
    throw new UsageError('an XLSX workbook is binary: give --out FILE or redirect standard output');

  return withCliDatabase('indicators', async ({ db }) => {
    const service = createIndicatorService({ db, clock: () => new Date() });
    const result = await service.report(null, { provinces, from: options.from, to: options.to, groupBy });
    if (!result.ok) {
      console.error(`suara indicators: ${result.message}`);
      return 2;
    }
    const report = result.value;
    const places = (await loadGazetteer({ detailedProvinces: [] })).places;
    const provinceName = (code: string) => places.byCode(code)?.name ?? code;
    const tables = indicatorTables(report, language, provinceName);
    const output = options.out ? createWriteStream(options.out) : process.stdout;
    if (format === 'xlsx') {
      // The writer ends the stream it is given, which standard output must not be.
      const sink = new PassThrough();
      sink.pipe(output, { end: false });
      await writeIndicatorXlsx(tables, sink);
      await finished(sink);
    } else {
      const text =
        format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : format === 'csv'
            ? writeIndicatorCsv(tables)
            : `${tables.heading.join('\n')}\n\n${formatTable(
                tables.tables[0]?.header ?? [],
                (tables.tables[0]?.rows ?? []).map((row) =>
                  row.map((cell) => (cell === null ? '—' : String(cell))),
                ),
              )}\n`;
      if (!output.write(text)) await once(output, 'drain');
    }
    if (options.out) {
      output.end();
      await finished(output);
      console.error(`wrote ${options.out}`);
    }
    return 0;
  });
}

async function rebuild(): Promise<number> {
  return withCliDatabase('indicators', async ({ db }) => {
    const started = performance.now();
    const cells = await rebuildIndicatorRollup(db);
    console.log(
      `indicator rollup rebuilt: ${cells} cells in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  });
}

export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: "Print or export the programme's indicators for a period and provinces.",
  usage: USAGE,
  run: (args) =>
    runWithUsage(
      'indicators',
      USAGE,
      args,
      async ([first, ...rest]) => {
        if (first !== 'rebuild') return show(args);
        if (rest.length) throw new UsageError(`rebuild takes no arguments, not "${rest.join(' ')}"`);
        return rebuild();
      },
      { runsWithoutArguments: true },
    ),
};
