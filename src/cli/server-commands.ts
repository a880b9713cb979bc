import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { runMigrations, runServer } from '../runtime/run-server.js';
import type { Command } from './command.js';

function serverCommand(name: string, summary: string, mode: { api: boolean; workers: boolean }): Command {
  return {
    name,
    summary,
    usage: `Usage: suara ${name} [--migrate]

${summary}
Stops gracefully on SIGTERM or SIGINT: no new requests, in-flight jobs finish, connections close.

Options:
  --migrate   apply pending database migrations before starting
  --help      show this help

Configuration comes from the environment; see .env.example.`,
    async run(args) {
      const { values } = parseArgs({ args, options: { migrate: { type: 'boolean', default: false } } });
      return runServer({ ...mode, migrate: values.migrate ?? false });
    },
  };
}

export const serveCommand = serverCommand('serve', 'Run the HTTP API and the workers in one process.', {
  api: true,
  workers: true,
});
export const apiCommand = serverCommand('api', 'Run only the HTTP API (webhooks, health).', {
  api: true,
  workers: false,
});
export const workerCommand = serverCommand('worker', 'Run only the queue workers (inbound, outbound).', {
  api: false,
  workers: true,
});

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Create the database if needed and apply pending migrations.',
  usage: `Usage: suara migrate

Creates the database named in DATABASE_URL if it does not exist, then applies the SQL migrations
in migrations/ that have not been applied yet. Safe to run repeatedly.`,
  async run() {
    const loaded = loadConfig();
    if (!loaded.ok) {
      console.error(loaded.error);
      return 1;
    }
    const logger = createLogger({
      level: loaded.config.LOG_LEVEL,
      production: loaded.config.NODE_ENV === 'production',
    });
    return (await runMigrations(loaded.config, logger)) ? 0 : 1;
  },
};
