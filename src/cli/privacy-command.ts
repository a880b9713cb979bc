import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { loadFlows } from '../conversation/flows/load-flows.js';
import type { FreeTextAnswers } from '../privacy/erase-contact-records.js';
import type { ContactSelector } from '../privacy/find-contacts.js';
import { createPrivacyService, type PrivacyService } from '../privacy/privacy-service.js';
import { applyRetention } from '../retention/apply-retention.js';
import type { Command } from './command.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { runWithUsage } from './run-with-usage.js';
import { UsageError } from './usage-error.js';
import { withCliServices } from './with-cli-services.js';

const USAGE = `Usage:
  suara privacy export --phone <number> | --reference <code>
      Prints (JSON) everything Suara holds about a person: each contact with that number (one per
      channel; a reference code finds its reporter's number), the number itself opened, consent,
      conversation state and events, reports with their history, messages, survey answers, campaign
      invitations, dead letters (opened) and stored media. The only place the number is printed;
      recorded in the audit log as an access.
  suara privacy erase --phone <number> | --reference <code> [--yes]
      Removes the person's number and words everywhere: the number, lookup hash and pseudonym of each
      contact; message texts and media (files too); report texts, place descriptions and media;
      survey comments; conversation state and event details; dead letters; and their jobs and cached
      sessions in Redis. Reports keep what the indicators need: category, region codes, dates, stages
      and follow-ups. Asks for confirmation unless --yes. Recorded in the audit log (counts only).
  suara privacy retention [--dry-run]
      Applies the retention rule now (the workers also run it daily): texts and media of reports closed
      more than RETENTION_CLOSED_REPORT_DAYS ago and of conversations that never became a report after
      RETENTION_ABANDONED_DAYS. --dry-run only counts what would be removed.

Numbers may be written +6281…, 6281… or 081…. The database is the one named by DATABASE_URL, the
queues those of REDIS_URL and QUEUE_PREFIX.`;

const ACTOR = 'cli';

function selectorOf(values: { phone?: string; reference?: string }): ContactSelector {
  if ((values.phone === undefined) === (values.reference === undefined))
    throw new UsageError('give either --phone <number> or --reference <code>');
  return values.phone !== undefined ? { phone: values.phone } : { reference: values.reference ?? '' };
}

/** A survey's free-text questions, from the flows on disk; null (erase every text answer) if unknown. */
async function freeTextAnswersOf(config: Config): Promise<FreeTextAnswers> {
  const loaded = await loadFlows(config.FLOWS_DIR);
  const flows = loaded.ok ? loaded.flows.flows : {};
  return (surveyId) => {
    const flow = flows[surveyId];
    if (!flow) return null;
    const names = new Set<string>();
    for (const step of flow.steps) {
      if (step.type !== 'ask' || !step.save_as) continue;
      if (!['rating', 'choice', 'yesno', 'number'].includes(step.expect.type)) names.add(step.save_as);
    }
    return names;
  };
}

function withPrivacy(work: (service: PrivacyService) => Promise<number>): Promise<number> {
  return withCliServices('privacy', async (services) =>
    work(
      createPrivacyService({
        db: services.database.db,
        redis: services.redis,
        cipher: services.cipher,
        mediaStore: services.mediaStore,
        prefix: services.config.QUEUE_PREFIX,
        partitions: services.config.INBOUND_PARTITIONS,
        freeTextAnswers: await freeTextAnswersOf(services.config),
      }),
    ),
  );
}

async function runExport(args: string[]): Promise<number> {
  const selector = selectorOf(
    parseSubcommandArgs(args, { phone: { type: 'string' }, reference: { type: 'string' } }),
  );
  return withPrivacy(async (service) => {
    const data = await service.export(ACTOR, selector);
    if (data.length === 0) {
      console.error('suara privacy: no contact found');
      return 1;
    }
    console.log(JSON.stringify({ exportedAt: new Date().toISOString(), contacts: data }, null, 2));
    return 0;
  });
}

/** Asks on the terminal; anything but yes (or stdin closing unanswered) is a no. */
function confirm(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    prompt.on('close', () => {
      if (!answered) resolve(false);
    });
    prompt.question(question, (answer) => {
      answered = true;
      prompt.close();
      resolve(['ya', 'yes', 'y'].includes(answer.trim().toLowerCase()));
    });
  });
}

async function runErase(args: string[]): Promise<number> {
  const values = parseSubcommandArgs(args, {
    phone: { type: 'string' },
    reference: { type: 'string' },
    yes: { type: 'boolean' },
  });
  const selector = selectorOf(values);
  return withPrivacy(async (service) => {
    const found = await service.find(selector);
    if (found.length === 0) {
      console.error('suara privacy: no contact found');
      return 1;
    }
    if (values.yes !== true) {
      const list = found.map((c) => `${c.pseudonym} (${c.channel})`).join(', ');
      const ok = await confirm(
        `Erase the number and every text of ${list}? This cannot be undone. Type "ya" to continue: `,
      );
      if (!ok) {
        console.error('Nothing erased.');
        return 1;
      }
    }
    const erased = await service.erase(ACTOR, selector);
    let running = 0;
    for (const contact of erased) {
      running += contact.queues.running;
      console.log(
        `contact ${contact.contactId}: ${contact.messages} messages, ${contact.reports} reports, ` +
          `${contact.surveyResponses} survey responses, ${contact.deadLetters} dead letters, ` +
          `${contact.storedMedia} media (${contact.mediaFilesDeleted} files deleted), ` +
          `${contact.queues.inboundJobs + contact.queues.outboundJobs} queued jobs, ` +
          `${contact.queues.sessions} cached sessions erased`,
      );
    }
    if (running > 0) {
      console.error(
        `${running} jobs of this person were running and could not be removed: run the erasure again.`,
      );
      return 1;
    }
    console.log(`${erased.length} contacts erased; recorded in the audit log.`);
    return 0;
  });
}

async function runRetention(args: string[]): Promise<number> {
  const values = parseSubcommandArgs(args, { 'dry-run': { type: 'boolean' } });
  return withCliServices('privacy', async (services) => {
    const { config } = services;
    const dryRun = values['dry-run'] === true;
    const result = await applyRetention(
      services.database.db,
      services.mediaStore,
      {
        closedReportDays: config.RETENTION_CLOSED_REPORT_DAYS,
        abandonedDays: config.RETENTION_ABANDONED_DAYS,
      },
      new Date(),
      { dryRun },
    );
    if (result.skipped) {
      console.error(
        'suara privacy: another process is applying the retention rule right now; try again later',
      );
      return 1;
    }
    const verb = dryRun ? 'would be redacted' : 'redacted';
    console.log(
      `reports closed more than ${config.RETENTION_CLOSED_REPORT_DAYS} days ago: ${result.closedReports} ${verb}, ` +
        `with ${result.closedReportMessages} messages`,
    );
    console.log(
      `conversations without a report older than ${config.RETENTION_ABANDONED_DAYS} days: ` +
        `${result.abandonedMessages} messages ${verb}, ${result.abandonedSessions} conversation states ${dryRun ? 'would be ' : ''}removed`,
    );
    if (!dryRun)
      console.log(`stored media removed: ${result.storedMedia} (${result.mediaFilesDeleted} files)`);
    return 0;
  });
}

async function run(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === 'export') return runExport(rest);
  if (first === 'erase') return runErase(rest);
  if (first === 'retention') return runRetention(rest);
  throw new UsageError(`unknown subcommand "${first}"`);
}

export const privacyCommand: Command = {
  name: 'privacy',
  summary: "Export or erase a person's data; apply the retention rule.",
  usage: USAGE,
  run: (args) => runWithUsage('privacy', USAGE, args, run),
};
