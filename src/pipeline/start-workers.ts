import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeError } from '../describe-error.js';
import { backoffWithJitter } from './backoff-with-jitter.js';
import { handleInboundJob } from './handle-inbound-job.js';
import type { InboundJob } from './inbound-job.js';
import type { OutboundJob } from './outbound-producer.js';
import type { InboundDeps } from './process-inbound.js';
import { type OutboundDeps, processOutbound } from './process-outbound.js';
import { inboundQueueName, outboundQueueName } from './queue-names.js';
import { toJobError } from './to-job-error.js';

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  partitions: number;
  outboundRatePerSecond: number;
  outboundBackoffMs: number;
  /**
   * A crashed worker's job holds its partition until the lock expires and a stalled check notices:
   * at most lock duration + stalled interval. BullMQ renews the lock every half lock duration while
   * the job runs, so a long job keeps it as long as its event loop is not blocked that long.
   */
  inboundLockDurationMs: number;
  inboundStalledIntervalMs: number;
}

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * Per-contact order: a contact's messages all go to one partition queue (by keyed hash of the number),
 * and each partition has a global concurrency of 1 — across every worker process — so its jobs run one
 * at a time in arrival order. Different contacts spread over the partitions and run in parallel.
 */
export async function startWorkers(
  options: WorkerOptions,
  inbound: InboundDeps,
  outbound: OutboundDeps,
): Promise<RunningWorkers> {
  const log = inbound.logger;
  const common = { connection: options.connection, prefix: options.prefix };
  const workers: Worker[] = [];

  for (let partition = 0; partition < options.partitions; partition++) {
    const name = inboundQueueName(partition);
    const queue = new Queue(name, common);
    queue.on('error', () => {});
    await queue.setGlobalConcurrency(1);
    await queue.close();
    workers.push(
      new Worker<InboundJob>(name, (job) => withSafeErrors(() => handleInboundJob(inbound, job)), {
        ...common,
        concurrency: 1,
        lockDuration: options.inboundLockDurationMs,
        stalledInterval: options.inboundStalledIntervalMs,
      }),
    );
  }

  for (const provider of outbound.adapters.keys()) {
    workers.push(
      new Worker<OutboundJob>(
        outboundQueueName(provider),
        (job) =>
          withSafeErrors(() =>
            sendTurn(outbound, job.data.messageIds, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
          ),
        {
          ...common,
          concurrency: 4,
          limiter: { max: options.outboundRatePerSecond, duration: 1000 },
          settings: {
            backoffStrategy: (attemptsMade) => backoffWithJitter(attemptsMade, options.outboundBackoffMs),
          },
        },
      ),
    );
  }

  for (const worker of workers) {
    worker.on('error', (error) =>
      log.error({ queue: worker.name, err: describeError(error) }, 'worker error'),
    );
    worker.on('failed', (job, error) =>
      log.warn(
        { queue: worker.name, job: job?.id, attempts: job?.attemptsMade, err: describeError(error) },
        'job failed',
      ),
    );
  }

  return {
    async close() {
      // Worker.close() waits for the jobs in progress to finish.
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

/** BullMQ keeps a failure's message and stack in Redis for days: it gets them without personal data. */
async function withSafeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toJobError(error);
  }
}

/**
 * Sends a turn's replies in order. A reply that failed for good is skipped; one worth retrying stops
 * the turn, and the retry resumes there (replies already sent are recognised and not sent again).
 */
async function sendTurn(deps: OutboundDeps, messageIds: string[], finalAttempt: boolean): Promise<void> {
  for (const id of messageIds) {
    try {
      await processOutbound(deps, id, finalAttempt);
    } catch (error) {
      if (!(error instanceof UnrecoverableError) || messageIds.length === 1) throw error;
    }
  }
}
