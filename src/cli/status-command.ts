import { createQueueInspector } from '../metrics/queue-inspector.js';
import { readSystemStatus, type SystemStatus } from '../metrics/read-system-status.js';
import { checkConnections } from '../runtime/create-services.js';
import { createReadinessCheck } from '../runtime/readiness-check.js';
import type { Command } from './command.js';
import { formatTable } from './format-table.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';
import { runWithUsage } from './run-with-usage.js';
import { withCliServices } from './with-cli-services.js';

const USAGE = `Usage: suara status [--json]

What to check first when citizens say nobody answers:
  - Postgres, Redis, migrations and each channel's health (as /readyz sees them);
  - per queue (inbound partitions, one outbound queue per provider): jobs waiting, running, delayed
    (retries) and failed, the age of the oldest waiting job, jobs completed and failed in the last
    minute, and how long a rate limit still pauses it;
  - dead letters (suara dead-letters list), parked contacts (suara contacts parked) and unconfirmed
    replies (handed to a provider that could not say whether it sent them; marked in the report thread).

Options:
  --json   print the same as one JSON object

Exit code 1 when Postgres or Redis does not answer or migrations are missing. The system is the one
named by DATABASE_URL, REDIS_URL and QUEUE_PREFIX.`;

async function run(args: string[]): Promise<number> {
  const values = parseSubcommandArgs(args, { json: { type: 'boolean' } });
  return withCliServices('status', async (services) => {
    const { config } = services;
    // The producer connection fails fast rather than queue commands: let it connect first. What does
    // not answer is reported below, by the readiness check.
    await checkConnections(services);
    const queues = createQueueInspector({
      connection: services.redis,
      prefix: config.QUEUE_PREFIX,
      partitions: config.INBOUND_PARTITIONS,
      providers: services.adapters.keys(),
    });
    try {
      const status = await readSystemStatus({
        readiness: createReadinessCheck({
          pool: services.database.pool,
          redis: services.redis,
          channels: services.channels,
        }),
        queues,
        db: services.database.db,
        providers: services.adapters.keys(),
      });
      console.log(values.json ? JSON.stringify(status, null, 2) : formatStatus(status));
      return status.readiness.ready ? 0 : 1;
    } finally {
      await queues.close();
    }
  });
}

function formatStatus(status: SystemStatus): string {
  const { readiness } = status;
  const lines = [
    `postgres     ${readiness.postgres}`,
    `redis        ${readiness.redis}`,
    `migrations   ${readiness.migrations}`,
    `providers    ${status.providers.join(', ') || 'none enabled'}`,
  ];
  for (const [gateway, state] of Object.entries(readiness.channels ?? {}))
    lines.push(`channel      ${gateway}: ${state}`);
  lines.push('');
  if (status.queues) {
    const rows = status.queues.map((queue) => [
      queue.queue,
      String(queue.waiting + queue.prioritized),
      String(queue.active),
      String(queue.delayed),
      String(queue.failed),
      formatAge(queue.oldestWaitingMs),
      String(queue.completedLastMinute),
      String(queue.failedLastMinute),
      queue.rateLimitedForMs > 0 ? formatAge(queue.rateLimitedForMs) : '-',
    ]);
    const total = status.queues.reduce((sum, queue) => sum + queue.waiting + queue.prioritized, 0);
    lines.push(
      formatTable(
        ['QUEUE', 'WAITING', 'ACTIVE', 'DELAYED', 'FAILED', 'OLDEST', 'DONE/MIN', 'FAILED/MIN', 'PAUSED'],
        rows,
      ),
      `${total} waiting in all`,
    );
  } else lines.push('queues       unknown: Redis does not answer');
  lines.push('');
  if (status.counts) {
    lines.push(`dead letters      ${status.counts.deadLetters}`);
    lines.push(`parked contacts   ${status.counts.parkedContacts}`);
    lines.push(`unconfirmed replies ${status.counts.unconfirmedReplies}`);
  } else lines.push('dead letters and parked contacts unknown: Postgres does not answer');
  return lines.join('\n');
}

/** 850 ms, 42 s, 3 min 5 s, 2 h 10 min: how long, readable at a glance. */
function formatAge(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show queue backlogs, dead letters, parked contacts and channel health.',
  usage: USAGE,
  run: (args) => runWithUsage('status', USAGE, args, run, { runsWithoutArguments: true }),
};
