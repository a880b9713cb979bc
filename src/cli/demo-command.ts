import { loadConfig } from '../config.js';
import { seedDemo } from '../demo/seed-demo.js';
import { describeError } from '../describe-error.js';
import { createLogger } from '../logger.js';
import { runMigrations } from '../runtime/run-server.js';
import type { Command } from './command.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: suara demo seed [--reports N]

Fills the database named by DATABASE_URL (migrated first) with demo data: an admin, one secretariat
user per pilot province (11 Aceh, 64 Kalimantan Timur, 74 Sulawesi Tenggara), and N reports (default
300) made by running complaints from fake numbers (+62899000xxxxx) through the real conversation
engine, then moved through the triage stages; a few of those citizens answer the DLH scorecard by
keyword, and four web-simulator citizens of Kutai Kartanegara report and agree to surveys (IKUT), so
a campaign can invite them and /simulator can answer it. Nothing is sent: replies and notifications
stay queued. Refused when NODE_ENV=production.

  --reports N   how many complaints to send (default 300)`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Seed a development database with demo staff and reports (never in production).',
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'seed') {
      console.error(sub ? `suara demo: unknown subcommand "${sub}"` : USAGE);
      return 2;
    }
    let reports = 300;
    try {
      const values = parseSubcommandArgs(rest, { reports: { type: 'string' } });
      if (values.reports !== undefined) {
        reports = Number(values.reports);
        if (!Number.isInteger(reports) || reports < 0 || reports > 100_000)
          throw new UsageError(`--reports must be a whole number from 0 to 100000, not "${values.reports}"`);
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`suara demo seed: ${error.message}`);
      return 2;
    }
    const loaded = loadConfig();
    if (!loaded.ok) {
      console.error(loaded.error);
      return 1;
    }
    const config = loaded.config;
    if (config.NODE_ENV === 'production') {
      console.error(
        'suara demo seed: refused because NODE_ENV=production; demo data never goes into production.',
      );
      return 1;
    }
    const logger = createLogger({ level: 'warn', production: true, destination: process.stderr });
    if (!(await runMigrations(config, logger))) return 1;
    try {
      const result = await seedDemo(config, logger, {
        reports,
        progress: (line) => console.error(line),
      });
      console.log('Demo users (each link sets the password once):');
      for (const user of result.users) {
        const scope = user.role === 'admin' ? 'all provinces' : `province ${user.provinces.join(', ')}`;
        console.log(`  ${user.email}  (${user.role}, ${scope})\n    ${user.link}`);
      }
      console.log(`\nOpen ${result.baseUrl.replace(/\/$/, '')}/triage and sign in.`);
      console.log(`\n${result.reports} demo reports made. Reports per status in the database:`);
      for (const [status, count] of Object.entries(result.byStatus))
        console.log(`  ${status.padEnd(13)}${count}`);
      console.log(`\n${result.surveyResponses} scorecard responses (NILAI DLH).`);
      console.log(
        `Simulator citizens who agreed to surveys (Kutai Kartanegara): ${result.simulatorNumbers.join(', ')}`,
      );
      console.log(
        `A campaign to them (${result.baseUrl.replace(/\/$/, '')}/triage/campaigns) reaches ${result.baseUrl.replace(/\/$/, '')}/simulator.`,
      );
      return 0;
    } catch (error) {
      console.error(`suara demo seed: ${describeError(error)}`);
      return 1;
    }
  },
};
