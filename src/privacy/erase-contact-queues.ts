import { type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import type { OutboundJob } from '../pipeline/outbound-producer.js';
import { outboundQueueName } from '../pipeline/queue-names.js';
import { forEachJob, openInboundQueues, RESTING_STATES } from './inbound-queues.js';

// Every provider, checked by the compiler: a new provider's outbound queue is searched too.
const PROVIDERS: Record<Provider, true> = {
  twilio: true,
  'android-sms': true,
  baileys: true,
  'whatsapp-cloud': true,
  simulator: true,
};

export interface ErasedQueues {
  inboundJobs: number;
  outboundJobs: number;
  sessions: number;
  /** Jobs of the contact running at this moment: they cannot be removed; erasing again after finds them. */
  running: number;
}

/**
 * Removes a contact's traces from Redis: its inbound jobs (found by lookup hash; waiting, delayed,
 * failed and the completed ones kept for a while, which still carry the sealed message), the send jobs
 * of its messages, and its cached conversation session.
 */
export async function eraseContactQueues(
  redis: Redis,
  prefix: string,
  partitions: number,
  contact: { contactId: string; addressHash: string; messageIds: readonly string[] },
): Promise<ErasedQueues> {
  const result: ErasedQueues = { inboundJobs: 0, outboundJobs: 0, sessions: 0, running: 0 };
  const remove = async <T>(jobs: Job<T>[]) => {
    for (const job of jobs) {
      try {
        await job.remove();
        result[job.queueName.startsWith('inbound-') ? 'inboundJobs' : 'outboundJobs'] += 1;
      } catch {
        // Locked by a worker that took it meanwhile.
        result.running += 1;
      }
    }
  };

  const inbound = openInboundQueues(redis, prefix, partitions);
  try {
    for (const queue of inbound) {
      const found: Job[] = [];
      await forEachJob(queue, [...RESTING_STATES, 'active'], async (job) => {
        if (job.data?.fromHash !== contact.addressHash) return;
        if ((await job.getState()) === 'active') result.running += 1;
        else found.push(job);
      });
      await remove(found);
    }
  } finally {
    await Promise.all(inbound.map((queue) => queue.close()));
  }

  const ids = new Set(contact.messageIds);
  for (const provider of Object.keys(PROVIDERS) as Provider[]) {
    const queue = new Queue<OutboundJob>(outboundQueueName(provider), { connection: redis, prefix });
    queue.on('error', () => {});
    try {
      const found: Job<OutboundJob>[] = [];
      await forEachJob(queue, [...RESTING_STATES, 'active'], async (job) => {
        if (!job.data?.messageIds?.some((id) => ids.has(id))) return;
        if ((await job.getState()) === 'active') result.running += 1;
        else found.push(job);
      });
      await remove(found);
    } finally {
      await queue.close();
    }
  }

  result.sessions = await redis.del(`${prefix}:session:${contact.contactId}`);
  return result;
}
