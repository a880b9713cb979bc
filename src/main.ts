#!/usr/bin/env node
import { auditCommand } from './cli/audit-command.js';
import { classifyCommand } from './cli/classify-command.js';
import type { Command } from './cli/command.js';
import { contactsCommand } from './cli/contacts-command.js';
import { deadLettersCommand } from './cli/dead-letters-command.js';
import { demoCommand } from './cli/demo-command.js';
import { exportCommand } from './cli/export-command.js';
import { flowsCommand } from './cli/flows-command.js';
import { indicatorsCommand } from './cli/indicators-command.js';
import { keysCommand } from './cli/keys-command.js';
import { partnersCommand } from './cli/partners-command.js';
import { privacyCommand } from './cli/privacy-command.js';
import { apiCommand, migrateCommand, serveCommand, workerCommand } from './cli/server-commands.js';
import { statusCommand } from './cli/status-command.js';
import { usersCommand } from './cli/users-command.js';
import { whatsappWebCommand } from './cli/whatsapp-web-command.js';
import { describeError } from './describe-error.js';

const commands: Command[] = [
  serveCommand,
  apiCommand,
  workerCommand,
  migrateCommand,
  flowsCommand,
  classifyCommand,
  auditCommand,
  usersCommand,
  statusCommand,
  deadLettersCommand,
  contactsCommand,
  indicatorsCommand,
  partnersCommand,
  exportCommand,
  keysCommand,
  privacyCommand,
  demoCommand,
  whatsappWebCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Suara — SMS/WhatsApp feedback gateway for mining-affected communities.

Usage: suara <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`suara <command> --help\` for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // Expected failures are handled inside commands; this is the last line of defence against a stack trace.
    console.error(`suara ${name}: ${describeError(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
