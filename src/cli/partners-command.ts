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

A partner takes report batches through GET /api/v1/exports/reports with one of its keys
(docs/exports.md). Scope: provinces and categories (empty: all), statuses (default: validated,
in_follow_up, closed), and whether the citizen's words, scrubbed, are included. \`create\` and
\`keys create\` print the new key once, alone on the last line. Every change is audited as "cli".`;

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
