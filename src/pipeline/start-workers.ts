import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import { describeError } from '../describe-error.js';
import { metrics } from '../metrics/metrics.js';
import { backoffWithJitter } from './backoff-with-jitter.js';
import { handleInboundJob } from './handle-inbound-job.js';
import type { InboundJob } from './inbound-job.js';
import { OutboundPause } from './outbound-pause.js';
import type { OutboundJob } from './outbound-producer.js';
import type { InboundDeps } from './process-inbound.js';
import { type OutboundDeps, processOutbound } from './process-outbound.js';
import { inboundQueueName, outboundQueueName } from './queue-names.js';
import { createSendGate } from './send-gate.js';
import { toJobError } from './to-job-error.js';

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  partitions: number;
  outboundRatePerSecond: number;
  /** Providers that must send slower than `outboundRatePerSecond` (a WhatsApp Web number). */
  outboundRates?: ReadonlyMap<Provider, { max: number; durationMs: number }>;
  outboundBackoffMs: number;
  /**
   * A crashed worker's job holds its partition until the lock expires and a stalled check notices:
   * at most lock duration + stalled interval. BullMQ renews the lock every half lock duration while
   * the job runs, so a long job keeps it as long as its event loop is not blocked that long.
   */
  inboundLockDurationMs: number;
  inboundStalledIntervalMs: number;
}

/** Longest wait for a send slot spent inside a job; longer waits pause the provider's queue. */
const SLEEP_FOR_SLOT_MAX_MS = 1000;

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
      new Worker<InboundJob>(
        name,
        (job, token) => withSafeErrors(() => handleInboundJob(inbound, job, token)),
        {
          ...common,
          concurrency: 1,
          lockDuration: options.inboundLockDurationMs,
          stalledInterval: options.inboundStalledIntervalMs,
        },
      ),
    );
  }

  const gate = createSendGate(options.connection, options.prefix);
  // The limit counts messages (a turn may hold several), per provider, across every worker process.
  const sender: OutboundDeps = {
    ...outbound,
    async sendGate(provider, lane) {
      // One gateway of several (an Android phone): its turn waits as a delayed job, because sleeping here
      // would hold a worker slot that turns for the other phones need.
      if (lane) return gate.take(provider, lane.rate, lane.key);
      const rate = limiterFor(options, provider);
      // A short wait is slept through inside the job: sent back to the queue, turns waiting together
      // would be fetched again in reverse order. A longer one (a 429's pause, a slow phone's rate)
      // pauses the queue instead.
      for (;;) {
        const wait = await gate.take(provider, { max: rate.max, durationMs: rate.duration });
        if (wait === 0 || wait > SLEEP_FOR_SLOT_MAX_MS) return wait;
        metrics.outboundPaused(provider, 'rate_limit');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  };
  const pausers: Queue[] = [];
  for (const [provider, adapter] of outbound.adapters) {
    // BullMQ's manual rate limit pauses a queue in every worker process; a Queue sets it.
    const pauser = new Queue(outboundQueueName(provider), common);
    pauser.on('error', () => {});
    pausers.push(pauser);
    const pause = async (error: OutboundPause, job: Job, token: string | undefined) => {
      const ms = error.ms > 0 ? error.ms : options.outboundBackoffMs;
      if (error.reason === 'provider_429') await gate.pause(provider, ms, error.lane);
      metrics.outboundPaused(provider, error.reason);
      if (error.reason === 'provider_429')
        log.warn({ provider, lane: error.lane, pauseMs: ms }, 'provider sending paused');
      if (error.lane) {
        await job.moveToDelayed(Date.now() + ms, token);
        return new DelayedError();
      }
      await pauser.rateLimit(ms);
      return Worker.RateLimitError();
    };
    // A provider limited per gateway has no queue-wide limiter: the gates limit each gateway, and a
    // delayed turn fetched again must not use up a budget the other gateways' turns need.
    const limiter = adapter.sendLane ? {} : { limiter: limiterFor(options, provider) };
    workers.push(
      new Worker<OutboundJob>(
        outboundQueueName(provider),
        (job, token) =>
          withSafeErrors(() =>
            sendTurn(sender, job.data.messageIds, job.attemptsMade + 1 >= (job.opts.attempts ?? 1), (error) =>
              pause(error, job, token),
            ),
          ),
        {
          ...common,
          concurrency: 4,
          ...limiter,
          settings: {
            backoffStrategy: (attemptsMade) => backoffWithJitter(attemptsMade, options.outboundBackoffMs),
          },
        },
      ),
    );
  }

  for (const worker of workers) {
    worker.on('completed', (job) => metrics.jobFinished(worker.name, jobSeconds(job)));
    worker.on('failed', (job) => {
      metrics.jobFailed(worker.name);
      if (job) metrics.jobFinished(worker.name, jobSeconds(job));
    });
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
      await Promise.all(pausers.map((pauser) => pauser.close()));
    },
  };
}

function limiterFor(options: WorkerOptions, provider: Provider): { max: number; duration: number } {
  const rate = options.outboundRates?.get(provider);
  return rate
    ? { max: rate.max, duration: rate.durationMs }
    : { max: options.outboundRatePerSecond, duration: 1000 };
}

function jobSeconds(job: Job): number {
  return job.processedOn && job.finishedOn ? Math.max(0, job.finishedOn - job.processedOn) / 1000 : 0;
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
async function sendTurn(
  deps: OutboundDeps,
  messageIds: string[],
  finalAttempt: boolean,
  pause: (error: OutboundPause) => Promise<Error>,
): Promise<void> {
  for (const id of messageIds) {
    try {
      await processOutbound(deps, id, finalAttempt);
    } catch (error) {
      if (error instanceof OutboundPause) {
        // Back to wait without spending an attempt; the rest of the turn goes when the pause ends.
        throw await pause(error);
      }
      if (!(error instanceof UnrecoverableError) || messageIds.length === 1) throw error;
    }
  }
}
