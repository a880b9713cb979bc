import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../channels/channel-adapter.js';
import { metrics } from '../metrics/metrics.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { type InboundJob, inboundJobId, sealInbound } from './inbound-job.js';
import { partitionOf } from './partition-of.js';
import { inboundQueueName } from './queue-names.js';
import { waitForReplicas } from './wait-for-replicas.js';
import { withTimeout } from './with-timeout.js';

export interface InboundProducer {
  /** Resolves once Redis has the job (durable per its AOF policy); rejects if Redis is unavailable. */
  /** `jobId` defaults to one derived from the provider's message id (so redeliveries are no-ops). */
  enqueue(message: InboundMessage, jobId?: string): Promise<void>;
  /** Queues a job already sealed (a dead letter being replayed) under the given job id. */
  enqueueSealed(job: InboundJob, jobId: string): Promise<void>;
  /**
   * For the outbox sweeper: queues a stored, unhandled message unless its job still waits or runs. The
   * job ids derive from the provider's message id, so sweeps in several processes queue it once.
   */
  requeue(message: InboundMessage): Promise<'queued' | 'pending'>;
  close(): Promise<void>;
}

export interface InboundProducerOptions {
  connection: Redis;
  prefix: string;
  partitions: number;
  timeoutMs: number;
  cipher: PiiCipher;
  /** Replicas that must have the job before `enqueue` resolves (Redis WAIT; 0 or absent: the master alone). */
  waitReplicas?: number;
  waitTimeoutMs?: number;
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

  const queueOf = (job: Pick<InboundJob, 'fromHash'>): Queue<InboundJob> => {
    const queue = queues[partitionOf(job.fromHash, options.partitions)];
    if (!queue) throw new Error('no inbound partition');
    return queue;
  };
  const enqueueSealed = async (job: InboundJob, jobId: string): Promise<void> => {
    const started = performance.now();
    let ok = false;
    try {
      await withTimeout(queueOf(job).add('inbound', job, { jobId }), options.timeoutMs, 'enqueue');
      if (options.waitReplicas)
        await waitForReplicas(options.connection, options.waitReplicas, options.waitTimeoutMs);
      ok = true;
    } finally {
      metrics.enqueued((performance.now() - started) / 1000, ok);
    }
  };

  return {
    async enqueue(message, jobId = inboundJobId(message)) {
      await enqueueSealed(sealInbound(message, options.cipher), jobId);
    },
    enqueueSealed,
    async requeue(message) {
      const job = sealInbound(message, options.cipher);
      const queue = queueOf(job);
      const original = inboundJobId(message);
      const state = await queue.getJobState(original);
      // Its first job is still due (a backlog, or retries in progress): the message is not stranded.
      if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return 'pending';
      // Unknown: the job never reached Redis or was removed; finished: it ran out of attempts.
      const jobId = state === 'unknown' ? original : `${original}-sweep`;
      if (jobId !== original && (await queue.getJobState(jobId)) !== 'unknown') return 'pending';
      await enqueueSealed(job, jobId);
      return 'queued';
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
