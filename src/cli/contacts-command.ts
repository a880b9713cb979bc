import { listParkedContacts } from '../pipeline/list-parked-contacts.js';
import type { Command } from './command.js';
import { formatCliTime } from './format-cli-time.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { UsageError } from './usage-error.js';
import { withCliDatabase } from './with-cli-database.js';

const USAGE = `Usage:
  suara contacts parked
      Contacts whose messages are stored but no longer answered because they wrote faster than
      CONTACT_MESSAGES_PER_MINUTE or have had CONTACT_REPLIES_PER_DAY replies in 24 hours: pseudonym,
      channel, reason, messages left unanswered, parked since, last unanswered message. A contact is
      answered again, and leaves the list, with its first message within both limits.

Contacts appear by pseudonym only. The database is the one named by DATABASE_URL.`;

const REASONS: Record<string, string> = {
  inbound_rate: 'messages per minute',
  daily_replies: 'replies per day',
};

async function runParked(args: string[]): Promise<number> {
  parseSubcommandArgs(args, {});
  return withCliDatabase('contacts', async ({ db }) => {
    const parked = await listParkedContacts(db);
    if (parked.length === 0) {
      console.log('No parked contacts.');
      return 0;
    }
    const rows = parked.map((contact) => [
      contact.pseudonym,
      contact.channel,
      REASONS[contact.reason ?? ''] ?? contact.reason ?? '-',
      String(contact.unanswered),
      formatCliTime(contact.since),
      formatCliTime(contact.last),
    ]);
    console.log(formatTable(['CONTACT', 'CHANNEL', 'REASON', 'UNANSWERED', 'SINCE', 'LAST'], rows));
    return 0;
  });
}

export const contactsCommand: Command = {
  name: 'contacts',
  summary: 'Show contacts parked by the flood limits.',
  usage: USAGE,
  async run(args) {
    const [first, ...rest] = args;
    if (first === 'parked') {
      try {
        return await runParked(rest);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        console.error(`suara contacts parked: ${error.message}`);
        return 2;
      }
    }
    if (first === undefined || first === 'help') {
      console.log(USAGE);
      return first === undefined ? 2 : 0;
    }
    console.error(`suara contacts: unknown subcommand "${first}"`);
    console.error('run `suara contacts --help` for usage');
    return 2;
  },
};
