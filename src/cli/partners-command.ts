import { resolve } from 'node:path';
import type { Command } from './command.js';
import { formatCliTime } from './format-cli-time.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { requiredOption } from './required-option.js';
import { runWithUsage } from './run-with-usage.js';
import { UsageError } from './usage-error.js';
import { withCliWorkspace } from './with-cli-workspace.js';

const USAGE = `Usage:
  suara partners create --name N [--province 64,74] [--category licensing,revenue]
                        [--status validated,in_follow_up,closed] [--with-text] [--contact C]
  suara partners list
  suara partners keys create --name N
  suara partners keys list --name N
  suara partners keys revoke --name N [--prefix sxp_…]   (without --prefix: every key)
  suara partners schedule --name N --format csv|jsonl|xlsx [--dir DIR] [--url https://…] [--hour 6]
  suara partners unschedule --name N

A partner takes report batches through GET /api/v1/exports/reports with one of its keys
(docs/exports.md). Scope: provinces and categories (empty: all), statuses (default: validated,
in_follow_up, closed), and whether the citizen's words, scrubbed, are included. \`create\` and
\`keys create\` print the new key once, alone on the last line. Every change is audited as "cli".

\`schedule\`: every day from HOUR (WIB, default 6) the workers make the partner's batch — what changed
since the previous batch — and write it to DIR and/or POST it to the URL, signed with a key printed
once, alone on the last line (docs/exports.md). A failed delivery is retried with backoff.`;

const actor = { userId: null, label: 'cli' };
const listOf = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

async function run(args: string[]): Promise<number> {
  const [first, second, ...rest] = args;
  if (first === 'create') {
    const o = parseSubcommandArgs(
      [second, ...rest].filter((a): a is string => a !== undefined),
      {
        name: { type: 'string' },
        province: { type: 'string' },
        category: { type: 'string' },
        status: { type: 'string' },
        'with-text': { type: 'boolean' },
        contact: { type: 'string' },
      },
    );
    const name = requiredOption(o.name, 'name');
    return withCliWorkspace('partners', async ({ partners }) => {
      const created = await partners.create(actor, {
        name,
        contact: o.contact ?? null,
        provinces: listOf(o.province),
        categories: listOf(o.category),
        statuses: listOf(o.status),
        withText: o['with-text'] ?? false,
      });
      if (!created.ok) {
        console.error(`suara partners: ${created.error}`);
        return 1;
      }
      const p = created.value.partner;
      console.log(
        `Partner "${p.name}": provinces ${p.provinces.join(',') || 'all'}, categories ${p.categories.join(',') || 'all'}, statuses ${p.statuses.join(',')}, words ${p.withText ? 'included (scrubbed)' : 'not included'}.`,
      );
      console.log('Its first key, shown only this once (send it as "Authorization: Bearer <key>"):');
      console.log(created.value.key);
      return 0;
    });
  }
  if (first === 'list') {
    return withCliWorkspace('partners', async ({ partners }) => {
      const rows = (await partners.list()).map((p) => [
        p.name,
        p.provinces.join(',') || 'all',
        p.categories.join(',') || 'all',
        p.statuses.join(','),
        p.withText ? 'yes' : 'no',
        p.active ? 'yes' : 'no',
      ]);
      console.log(
        rows.length
          ? formatTable(['NAME', 'PROVINCES', 'CATEGORIES', 'STATUSES', 'WORDS', 'ACTIVE'], rows)
          : 'No partners yet.',
      );
      return 0;
    });
  }
  if (first === 'keys' && (second === 'create' || second === 'list' || second === 'revoke')) {
    const o = parseSubcommandArgs(rest, { name: { type: 'string' }, prefix: { type: 'string' } });
    const name = requiredOption(o.name, 'name');
    return withCliWorkspace('partners', async ({ partners }) => {
      if (second === 'create') {
        const key = await partners.createKey(actor, name);
        if (!key.ok) return fail(key.error);
        console.log(`New key for "${name}", shown only this once; revoke with --prefix ${key.value.prefix}:`);
        console.log(key.value.key);
        return 0;
      }
      if (second === 'revoke') {
        const revoked = await partners.revokeKeys(actor, name, o.prefix ?? null);
        if (!revoked.ok) return fail(revoked.error);
        console.log(`${revoked.value} key(s) revoked; they are refused from now on.`);
        return 0;
      }
      const partner = (await partners.list()).find((p) => p.name === name);
      if (!partner) return fail(`no partner named "${name}"`);
      const rows = (await partners.keys(partner.id)).map((k) => [
        k.prefix,
        formatCliTime(k.createdAt),
        formatCliTime(k.lastUsedAt, 'never'),
        formatCliTime(k.revokedAt, 'no'),
      ]);
      console.log(formatTable(['PREFIX', 'CREATED', 'LAST USED', 'REVOKED'], rows));
      return 0;
    });
  }
  if (first === 'schedule' || first === 'unschedule') {
    const o = parseSubcommandArgs(
      [second, ...rest].filter((a): a is string => a !== undefined),
      {
        name: { type: 'string' },
        format: { type: 'string' },
        dir: { type: 'string' },
        url: { type: 'string' },
        hour: { type: 'string' },
      },
    );
    const name = requiredOption(o.name, 'name');
    if (first === 'unschedule')
      return withCliWorkspace('partners', async ({ exportBatches }) => {
        if (!(await exportBatches.unschedule(actor, name))) return fail(`"${name}" has no scheduled batch`);
        console.log(`The daily batch of "${name}" is stopped.`);
        return 0;
      });
    const format = requiredOption(o.format, 'format');
    if (format !== 'csv' && format !== 'jsonl' && format !== 'xlsx')
      throw new UsageError('--format must be csv, jsonl or xlsx');
    const hour = o.hour === undefined ? 6 : Number(o.hour);
    return withCliWorkspace('partners', async ({ exportBatches }) => {
      const scheduled = await exportBatches.schedule(actor, name, {
        format,
        directory: o.dir ? resolve(o.dir) : null,
        url: o.url ?? null,
        hour,
      });
      if (!scheduled.ok) return fail(scheduled.error);
      const where = [o.dir ? `written to ${resolve(o.dir)}` : '', o.url ? `POSTed to ${o.url}` : '']
        .filter(Boolean)
        .join(' and ');
      console.log(
        `A daily ${format} batch for "${name}" from ${String(hour).padStart(2, '0')}:00 WIB, ${where}.`,
      );
      if (scheduled.signingKey) {
        console.log('Signing key for X-Suara-Signature, shown only this once:');
        console.log(scheduled.signingKey);
      }
      return 0;
    });
  }
  throw new UsageError(`unknown arguments "${args.join(' ')}"`);
}

function fail(message: string): number {
  console.error(`suara partners: ${message}`);
  return 1;
}

export const partnersCommand: Command = {
  name: 'partners',
  summary: 'Create partner organisations and manage their export keys.',
  usage: USAGE,
  run: (args) => runWithUsage('partners', USAGE, args, run),
};
