import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import { outboundQueueName } from './queue-names.js';

/** The replies of one turn, sent one after another in this order. */
export interface OutboundJob {
  messageIds: string[];
}

export interface OutboundProducer {
  /**
   * `retryKey` distinguishes a deliberate second send of the same messages (a held message released
   * after a first attempt) from a duplicate enqueue, which the job id otherwise turns into a no-op.
   */
  enqueue(provider: Provider, messageIds: string[], retryKey?: string): Promise<void>;
  close(): Promise<void>;
}

export interface OutboundProducerOptions {
  connection: Redis;
  prefix: string;
  maxAttempts: number;
  backoffMs: number;
}

export function createOutboundProducer(options: OutboundProducerOptions): OutboundProducer {
  const queues = new Map<Provider, Queue<OutboundJob>>();
  const queueFor = (provider: Provider): Queue<OutboundJob> => {
    let queue = queues.get(provider);
    if (!queue) {
      queue = new Queue<OutboundJob>(outboundQueueName(provider), {
        connection: options.connection,
        prefix: options.prefix,
        defaultJobOptions: {
          attempts: options.maxAttempts,
          backoff: { type: 'jitter', delay: options.backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 100_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      });
      queue.on('error', () => {});
      queues.set(provider, queue);
    }
    return queue;
  };

  return {
    async enqueue(provider, messageIds, retryKey) {
      // The first message id is the job id: enqueuing the same turn twice sends it once.
      const jobId = `out-${messageIds[0]}${retryKey ? `-${retryKey}` : ''}`;
      await queueFor(provider).add('send', { messageIds }, { jobId });
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
