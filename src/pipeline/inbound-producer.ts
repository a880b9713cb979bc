import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../channels/channel-adapter.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { type InboundJob, inboundJobId, sealInbound } from './inbound-job.js';
import { partitionOf } from './partition-of.js';
import { inboundQueueName } from './queue-names.js';
import { withTimeout } from './with-timeout.js';

export interface InboundProducer {
  /** Resolves once Redis has the job (durable per its AOF policy); rejects if Redis is unavailable. */
  /** `jobId` defaults to one derived from the provider's message id (so redeliveries are no-ops). */
  enqueue(message: InboundMessage, jobId?: string): Promise<void>;
  close(): Promise<void>;
}

export interface InboundProducerOptions {
  connection: Redis;
  prefix: string;
  partitions: number;
  timeoutMs: number;
  cipher: PiiCipher;
}

export function createInboundProducer(options: InboundProducerOptions): InboundProducer {
  const queues = Array.from(
    { length: options.partitions },
    (_, partition) =>
      new Queue<InboundJob>(inboundQueueName(partition), {
        connection: options.connection,
        prefix: options.prefix,
        defaultJobOptions: {
          attempts: 10,
          backoff: { type: 'exponential', delay: 1000 },
          // Completed jobs are kept for an hour so that a provider's retry with the same id is a no-op
          // in Redis too; after that the database's unique constraint still makes it one.
          removeOnComplete: { age: 3600, count: 100_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
  );
  for (const queue of queues) queue.on('error', () => {});

  return {
    async enqueue(message, jobId = inboundJobId(message)) {
      const job = sealInbound(message, options.cipher);
      const queue = queues[partitionOf(job.fromHash, options.partitions)];
      if (!queue) throw new Error('no inbound partition');
      await withTimeout(queue.add('inbound', job, { jobId }), options.timeoutMs, 'enqueue');
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
