import { type Job, type JobState, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundJob } from '../pipeline/inbound-job.js';
import { inboundQueueName } from '../pipeline/queue-names.js';

/** Every state a job keeps its data in, except `active`: a running job is its worker's until it ends. */
export const RESTING_STATES: readonly JobState[] = [
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
];

const PAGE = 500;

/** The inbound partition queues, for reading and changing their jobs; close them after. */
export function openInboundQueues(
  connection: Redis,
  prefix: string,
  partitions: number,
): Queue<InboundJob>[] {
  return Array.from({ length: partitions }, (_, partition) => {
    const queue = new Queue<InboundJob>(inboundQueueName(partition), { connection, prefix });
    queue.on('error', () => {});
    return queue;
  });
}

/**
 * Calls `visit` for every job of the queue in the given states, a page at a time. Pages are read by
 * position, so `visit` may change a job's data but should not move jobs between states.
 */
export async function forEachJob<T>(
  queue: Queue<T>,
  states: readonly JobState[],
  visit: (job: Job<T>) => Promise<void>,
): Promise<void> {
  for (const state of states) {
    const seen = new Set<string>();
    for (let start = 0; ; start += PAGE) {
      const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
      if (jobs.length === 0) break;
      for (const job of jobs) {
        if (!job?.id || seen.has(job.id)) continue;
        seen.add(job.id);
        await visit(job);
      }
      if (jobs.length < PAGE) break;
    }
  }
}
