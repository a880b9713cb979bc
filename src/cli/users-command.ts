import type { Command } from './command.js';
import { UsageError } from './usage-error.js';
import { userAccountCommands } from './users-account-commands.js';
import { usersTokenCommand } from './users-token-command.js';

const subcommands: Command[] = [...userAccountCommands, usersTokenCommand];

const USAGE = `Usage: suara users <subcommand> [options]

Manage the staff accounts of the triage workspace in the database named by DATABASE_URL (run
\`suara migrate\` first on a new database). Every change is recorded in the audit log as "cli".

${subcommands.map((command) => command.usage).join('\n')}

Run \`suara users help <subcommand>\` for one subcommand's help.`;

const isHelpFlag = (arg: string | undefined) => arg === '--help' || arg === '-h';

export const usersCommand: Command = {
  name: 'users',
  summary: 'Create and manage staff accounts, set-password links and API tokens.',
  usage: USAGE,
  async run(args) {
    const [first, ...rest] = args;
    if (first === undefined || first === 'help' || isHelpFlag(first)) {
      const topic = first === 'help' ? subcommands.find((command) => command.name === rest[0]) : undefined;
      console.log(topic ? `Usage:\n${topic.usage}` : USAGE);
      return first === undefined ? 2 : 0;
    }
    const subcommand = subcommands.find((command) => command.name === first);
    if (!subcommand) {
      console.error(`suara users: unknown subcommand "${first}"`);
      console.error('run `suara users --help` for usage');
      return 2;
    }
    if (rest.some(isHelpFlag)) {
      console.log(`Usage:\n${subcommand.usage}`);
      return 0;
    }
    try {
      return await subcommand.run(rest);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`suara users ${subcommand.name}: ${error.message}`);
      console.error(`run \`suara users help ${subcommand.name}\` for usage`);
      return 2;
    }
  },
};
