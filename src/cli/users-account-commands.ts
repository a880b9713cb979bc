import { ROLES, type Role } from '../auth/roles.js';
import { listUsers, normalizeEmail } from '../auth/user-repository.js';
import type { UserRow } from '../db/schema/users.js';
import type { Command } from './command.js';
import { formatCliTime } from './format-cli-time.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { requiredOption } from './required-option.js';
import { withUserAdmin } from './with-user-admin.js';

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

function fail(message: string): number {
  console.error(`suara users: ${message}`);
  return 1;
}

function printPasswordLink(link: string, hours: number): void {
  const until = formatCliTime(new Date(Date.now() + hours * 3_600_000));
  console.log(`One-time set-password link, valid for ${hours} hours (PASSWORD_LINK_HOURS), until ${until}.`);
  console.log('Send it to the person privately; it works once.');
  console.log(link);
}

function provincesOf(user: UserRow): string {
  // An admin sees every province whatever the list says (see the users schema).
  if (user.role === 'admin') return 'all';
  return user.provinces.length > 0 ? user.provinces.join(',') : '-';
}

const createCommand: Command = {
  name: 'create',
  summary: 'Create a staff account and print its set-password link.',
  usage: `  suara users create --email <e-mail> --name <name> --role admin|secretariat|viewer [--province <codes>]
      Create a staff account and print a one-time link where the person sets their password
      (valid PASSWORD_LINK_HOURS hours). --province lists the province codes the account works on,
      comma-separated or repeated (11 Aceh, 64 Kalimantan Timur, 74 Sulawesi Tenggara): required
      for secretariat and viewer; an admin sees every province.`,
  async run(args) {
    const values = parseSubcommandArgs(args, {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string', multiple: true },
    });
    const email = requiredOption(values.email, 'email');
    const name = requiredOption(values.name, 'name').trim();
    const role = requiredOption(values.role, 'role');
    if (!isRole(role)) return fail(`"${role}" is not a role; use one of ${ROLES.join(', ')}`);
    if (name === '') return fail("--name is empty; give the person's name as colleagues will see it");
    const provinces = [
      ...new Set(
        (values.province ?? [])
          .flatMap((list) => list.split(','))
          .map((code) => code.trim())
          .filter((code) => code !== ''),
      ),
    ];
    return withUserAdmin(async ({ userAdmin, actor, config }) => {
      const result = await userAdmin.createUser(actor, { email, name, role, provinces });
      if (!result.ok) return fail(result.error);
      const { user, link } = result.value;
      console.log(`Created ${user.role} ${user.email} (${user.name}), provinces: ${provincesOf(user)}.`);
      printPasswordLink(link, config.PASSWORD_LINK_HOURS);
      return 0;
    });
  },
};

const listCommand: Command = {
  name: 'list',
  summary: 'List staff accounts.',
  usage: `  suara users list
      Table of accounts: e-mail, name, role, provinces, two-factor sign-in, whether a password is
      set, and when the account was disabled.`,
  async run(args) {
    parseSubcommandArgs(args, {});
    return withUserAdmin(async ({ db }) => {
      const users = await listUsers(db);
      if (users.length === 0) {
        console.log('No users yet. Create one with: suara users create --email … --name … --role admin');
        return 0;
      }
      const rows = users.map((user) => [
        user.email,
        user.name,
        user.role,
        provincesOf(user),
        user.totpEnabled ? 'on' : 'off',
        user.passwordHash ? 'yes' : 'no',
        user.disabledAt ? formatCliTime(user.disabledAt) : 'no',
      ]);
      console.log(formatTable(['EMAIL', 'NAME', 'ROLE', 'PROVINCES', '2FA', 'PASSWORD', 'DISABLED'], rows));
      return 0;
    });
  },
};

function setDisabledCommand(disabled: boolean): Command {
  const name = disabled ? 'disable' : 'enable';
  return {
    name,
    summary: disabled ? 'Stop an account from signing in.' : 'Let a disabled account sign in again.',
    usage: disabled
      ? `  suara users disable --email <e-mail>
      Stop the account signing in: its sessions end and its API tokens stop working.`
      : `  suara users enable --email <e-mail>
      Let a disabled account sign in again (its unrevoked API tokens work again too).`,
    async run(args) {
      const email = requiredOption(parseSubcommandArgs(args, { email: { type: 'string' } }).email, 'email');
      return withUserAdmin(async ({ userAdmin, actor }) => {
        const result = await userAdmin.setDisabled(actor, email, disabled);
        if (!result.ok) return fail(result.error);
        // The service returns the row as it was before the change.
        const already = Boolean(result.value.disabledAt) === disabled ? ` (it was already ${name}d)` : '';
        console.log(
          disabled
            ? `Disabled ${result.value.email}${already}: sessions ended, API tokens refused.`
            : `Enabled ${result.value.email}${already}: they can sign in again.`,
        );
        return 0;
      });
    },
  };
}

const resetLinkCommand: Command = {
  name: 'reset-link',
  summary: 'Print a new set-password link for an account.',
  usage: `  suara users reset-link --email <e-mail>
      Print a new one-time set-password link (forgotten password, expired link). The current
      password keeps working until the link is used.`,
  async run(args) {
    const email = requiredOption(parseSubcommandArgs(args, { email: { type: 'string' } }).email, 'email');
    return withUserAdmin(async ({ userAdmin, actor, config }) => {
      const result = await userAdmin.resetLink(actor, email);
      if (!result.ok) return fail(result.error);
      console.log(`New set-password link for ${normalizeEmail(email)}.`);
      printPasswordLink(result.value, config.PASSWORD_LINK_HOURS);
      return 0;
    });
  },
};

/** `suara users` subcommands about the account itself; tokens are in users-token-command.ts. */
export const userAccountCommands: Command[] = [
  createCommand,
  listCommand,
  setDisabledCommand(true),
  setDisabledCommand(false),
  resetLinkCommand,
];
