import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportQuerySchema } from '../exports/export-filters.js';
import type { Command } from './command.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { requiredOption } from './required-option.js';
import { runWithUsage } from './run-with-usage.js';
import { UsageError } from './usage-error.js';
import { withCliWorkspace } from './with-cli-workspace.js';

const USAGE = `Usage:
  suara export --partner NAME [--format csv|xlsx|jsonl|geojson] [--province 64] [--category licensing]
               [--regency 64.02] [--status validated] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
               [--since CURSOR] [--hxl] [--out FILE]

Writes what partner NAME would receive from GET /api/v1/exports/reports (same scope, columns and
pseudonyms; docs/exports.md), to FILE or standard output. The cursor for the next --since is printed
on standard error at the end, with the row count and the SHA-256 of what was written. On a terminal a
progress line shows rows and rate. The export is recorded in the audit log.`;

async function run(args: string[]): Promise<number> {
  const o = parseSubcommandArgs(args, {
    partner: { type: 'string' },
    format: { type: 'string' },
    province: { type: 'string' },
    category: { type: 'string' },
    regency: { type: 'string' },
    status: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    since: { type: 'string' },
    hxl: { type: 'boolean' },
    out: { type: 'string' },
  });
  const name = requiredOption(o.partner, 'partner');
  const parsed = exportQuerySchema.safeParse({
    ...o,
    partner: undefined,
    out: undefined,
    hxl: o.hxl ? 'true' : 'false',
  });
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  if (parsed.data.format === 'xlsx' && !o.out && process.stdout.isTTY)
    throw new UsageError('an XLSX workbook is binary: give --out FILE or redirect standard output');

  return withCliWorkspace('export', async ({ partners, exports }) => {
    const caller = await partners.callerByName(name);
    if (!caller) {
      console.error(`suara export: no active partner named "${name}"`);
      return 1;
    }
    const opened = await exports.open(caller, parsed.data);
    if (!opened.ok) {
      console.error(`suara export: ${opened.message}`);
      return 2;
    }
    const tty = process.stderr.isTTY;
    const started = performance.now();
    let bytes = 0;
    let shownAt = 0;
    const progress = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        const now = performance.now();
        // Four times a second is enough for a person and costs nothing on a large export.
        if (tty && now - shownAt > 250) {
          shownAt = now;
          const seconds = Math.max((now - started) / 1000, 0.001);
          const rows = opened.value.rowsSoFar();
          process.stderr.write(
            `\r${rows.toLocaleString('en')} reports, ${Math.round(rows / seconds).toLocaleString('en')}/s, ${(bytes / 1e6).toFixed(1)} MB`,
          );
        }
        callback(null, chunk);
      },
    });
    const output = o.out ? createWriteStream(o.out) : process.stdout;
    await pipeline(opened.value.body, progress, output, { end: Boolean(o.out) });
    const summary = await opened.value.summary;
    if (tty) process.stderr.write('\r\x1b[K');
    console.error(
      `${summary.rows} reports, ${summary.bytes} bytes, sha256 ${summary.sha256}${o.out ? `, written to ${o.out}` : ''}`,
    );
    console.error(`next: --since ${opened.value.cursor}`);
    return 0;
  });
}

export const exportCommand: Command = {
  name: 'export',
  summary: "Write a partner's report export to a file (as the export API would send it).",
  usage: USAGE,
  run: (args) => runWithUsage('export', USAGE, args, run),
};
