import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import { outboundQueueName } from './queue-names.js';
import { withTimeout } from './with-timeout.js';

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
  /**
   * For the outbox sweeper: queues messages found without a job under the turn's own job id, so a job
   * that did reach Redis is not doubled ('pending' while it waits or runs). If that id is taken by a
   * finished job (a held message released later), `stateKey` — derived from the stored rows, the same in
   * every process — makes a second id that two sweepers still share.
   */
  requeue(provider: Provider, messageIds: string[], stateKey: string): Promise<'queued' | 'pending'>;
  close(): Promise<void>;
}

export interface OutboundProducerOptions {
  connection: Redis;
  prefix: string;
  maxAttempts: number;
  backoffMs: number;
  /** Bounds an add that Redis does not answer; the outbox sweeper takes over. */
  timeoutMs: number;
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

  // BullMQ would wait for Redis to come back and add the job late; failing now leaves the messages to
  // the outbox sweeper, which queues them once Redis is back.
  const ready = () => {
    if (options.connection.status !== 'ready') throw new Error('Redis unavailable: send job not queued');
  };

  return {
    async enqueue(provider, messageIds, retryKey) {
      ready();
      // The first message id is the job id: enqueuing the same turn twice sends it once.
      const jobId = `out-${messageIds[0]}${retryKey ? `-${retryKey}` : ''}`;
      await withTimeout(
        queueFor(provider).add('send', { messageIds }, { jobId }),
        options.timeoutMs,
        'enqueue',
      );
    },
    async requeue(provider, messageIds, stateKey) {
      ready();
      const queue = queueFor(provider);
      const turnId = `out-${messageIds[0]}`;
      const state = await queue.getJobState(turnId);
      if (state === 'unknown') {
        await withTimeout(queue.add('send', { messageIds }, { jobId: turnId }), options.timeoutMs, 'enqueue');
        return 'queued';
      }
      if (state !== 'completed' && state !== 'failed') return 'pending';
      const sweepId = `${turnId}-sweep${stateKey}`;
      const sweepState = await queue.getJobState(sweepId);
      if (sweepState !== 'unknown') return 'pending';
      await withTimeout(queue.add('send', { messageIds }, { jobId: sweepId }), options.timeoutMs, 'enqueue');
      return 'queued';
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
