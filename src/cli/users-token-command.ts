import { listApiTokens } from '../auth/api-token-repository.js';
import { findUserByEmail, normalizeEmail } from '../auth/user-repository.js';
import type { Command } from './command.js';
import { formatCliTime } from './format-cli-time.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { requiredOption } from './required-option.js';
import { UsageError } from './usage-error.js';
import { type UserAdminContext, withUserAdmin } from './with-user-admin.js';

function fail(message: string): number {
  console.error(`suara users: ${message}`);
  return 1;
}

async function createToken({ userAdmin, actor, db }: UserAdminContext, email: string): Promise<number> {
  const result = await userAdmin.createApiToken(actor, email);
  if (!result.ok) return fail(result.error);
  const token = result.value;
  const user = await findUserByEmail(db, email);
  const stored = user ? (await listApiTokens(db, user.id)).find((row) => token.startsWith(row.prefix)) : null;
  console.log(`New personal API token for ${normalizeEmail(email)}, shown only this once: store it now.`);
  console.log('Send it as the header "Authorization: Bearer <token>"; it acts with this account\'s role.');
  if (stored) {
    console.log(
      `Revoke it with: suara users token --email ${normalizeEmail(email)} --revoke --prefix ${stored.prefix}`,
    );
  }
  // Alone on the last line, so `token=$(suara users token --email … | tail -1)` works.
  console.log(token);
  return 0;
}

async function listTokens({ db }: UserAdminContext, email: string): Promise<number> {
  const user = await findUserByEmail(db, email);
  if (!user) return fail(`no user with e-mail ${normalizeEmail(email)}`);
  const tokens = await listApiTokens(db, user.id);
  if (tokens.length === 0) {
    console.log(`${user.email} has no API tokens.`);
    return 0;
  }
  const rows = tokens.map((token) => [
    token.prefix,
    formatCliTime(token.createdAt),
    formatCliTime(token.lastUsedAt, 'never'),
    formatCliTime(token.revokedAt, 'no'),
  ]);
  console.log(formatTable(['PREFIX', 'CREATED', 'LAST USED', 'REVOKED'], rows));
  return 0;
}

async function revokeTokens(
  { userAdmin, actor }: UserAdminContext,
  email: string,
  prefix: string | null,
): Promise<number> {
  const result = await userAdmin.revokeApiTokens(actor, email, prefix);
  if (!result.ok) return fail(result.error);
  const who = normalizeEmail(email);
  if (prefix !== null && result.value === 0)
    return fail(`${who} has no unrevoked token with prefix ${prefix}`);
  console.log(
    result.value === 0
      ? `${who} had no unrevoked API tokens; nothing to do.`
      : `Revoked ${result.value} API token${result.value === 1 ? '' : 's'} of ${who}.`,
  );
  return 0;
}

export const usersTokenCommand: Command = {
  name: 'token',
  summary: 'Create, list or revoke personal API tokens.',
  usage: `  suara users token --email <e-mail>
      Create a personal API token and print it once, alone on the last line of output
      (token=$(suara users token --email … | tail -1)). Only its SHA-256 is stored.
  suara users token --email <e-mail> --list
      The account's tokens: prefix, created, last used, revoked.
  suara users token --email <e-mail> --revoke [--prefix <prefix>]
      Revoke all the account's tokens, or only the one with that prefix (as --list shows it).`,
  async run(args) {
    const values = parseSubcommandArgs(args, {
      email: { type: 'string' },
      list: { type: 'boolean', default: false },
      revoke: { type: 'boolean', default: false },
      prefix: { type: 'string' },
    });
    const email = requiredOption(values.email, 'email');
    if (values.list && values.revoke) throw new UsageError('use --list or --revoke, not both');
    if (values.prefix !== undefined && !values.revoke) throw new UsageError('--prefix goes with --revoke');
    return withUserAdmin((context) => {
      if (values.list) return listTokens(context, email);
      if (values.revoke) return revokeTokens(context, email, values.prefix ?? null);
      return createToken(context, email);
    });
  },
};
