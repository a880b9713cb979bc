import { createDeadLetterService, type DeadLetterService } from '../pipeline/dead-letter-service.js';
import type { Command } from './command.js';
import { formatCliTime } from './format-cli-time.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { UsageError } from './usage-error.js';
import { withCliServices } from './with-cli-services.js';

const USAGE = `Usage:
  suara dead-letters list
      Inbound messages that still failed after their quick retries and were set aside, so that their
      contact's next messages were not held up: id, when it first and last failed, failures, channel,
      contact pseudonym (when the contact was stored) and the error, which carries no message text.
      The message itself stays sealed with the PII key; it is not printed.
  suara dead-letters replay --id <id> | --all
      Queue one letter (or all) again under a fresh job id; each letter queued is deleted. One that fails
      again returns as a dead letter. Fix the cause first.

Both are recorded in the audit log as "cli". The database is the one named by DATABASE_URL, the queues
those of REDIS_URL and QUEUE_PREFIX.`;

const ACTOR = 'cli';

function withDeadLetters(work: (service: DeadLetterService) => Promise<number>): Promise<number> {
  return withCliServices('dead-letters', (services) =>
    work(createDeadLetterService({ db: services.database.db, inbound: services.inbound })),
  );
}

async function runList(args: string[]): Promise<number> {
  parseSubcommandArgs(args, {});
  return withDeadLetters(async (service) => {
    const letters = await service.list(ACTOR);
    if (letters.length === 0) {
      console.log('No dead letters.');
      return 0;
    }
    const rows = letters.map((letter) => [
      letter.id,
      formatCliTime(letter.firstFailedAt),
      formatCliTime(letter.lastFailedAt),
      String(letter.failures),
      `${letter.provider}/${letter.channel}`,
      letter.pseudonym ?? '-',
      letter.error,
    ]);
    console.log(
      formatTable(['ID', 'FIRST FAILED', 'LAST FAILED', 'FAILURES', 'CHANNEL', 'CONTACT', 'ERROR'], rows),
    );
    return 0;
  });
}

async function runReplay(args: string[]): Promise<number> {
  const values = parseSubcommandArgs(args, { id: { type: 'string' }, all: { type: 'boolean' } });
  if ((values.id === undefined) === (values.all !== true))
    throw new UsageError('give either --id <id> or --all');
  const target = values.id === undefined ? { all: true as const } : { id: values.id };
  return withDeadLetters(async (service) => {
    const result = await service.replay(ACTOR, target);
    if (!result.ok) {
      console.error(`suara dead-letters: ${result.error}`);
      return 1;
    }
    for (const letter of result.replayed) console.log(`replayed ${letter.id} as job ${letter.jobId}`);
    for (const letter of result.failed) console.error(`not replayed ${letter.id}: ${letter.error}`);
    if (result.replayed.length === 0 && result.failed.length === 0) console.log('No dead letters.');
    return result.failed.length > 0 ? 1 : 0;
  });
}

export const deadLettersCommand: Command = {
  name: 'dead-letters',
  summary: 'List and replay inbound messages set aside after repeated failures.',
  usage: USAGE,
  async run(args) {
    const [first, ...rest] = args;
    try {
      if (first === 'list') return await runList(rest);
      if (first === 'replay') return await runReplay(rest);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`suara dead-letters ${first}: ${error.message}`);
      console.error('run `suara dead-letters --help` for usage');
      return 2;
    }
    if (first === undefined || first === 'help') {
      console.log(USAGE);
      return first === undefined ? 2 : 0;
    }
    console.error(`suara dead-letters: unknown subcommand "${first}"`);
    console.error('run `suara dead-letters --help` for usage');
    return 2;
  },
};
