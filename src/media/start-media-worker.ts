import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeError } from '../describe-error.js';
import { backoffWithJitter } from '../pipeline/backoff-with-jitter.js';
import { downloadMedia, type MediaDownloadDeps } from './download-media.js';
import { MEDIA_QUEUE, type MediaJob, type MediaProducer } from './media-producer.js';
import { listPendingMedia } from './stored-media-repository.js';

export interface MediaWorkerOptions {
  connection: Redis;
  prefix: string;
  /** First retry delay; each further one doubles (with jitter). */
  backoffMs: number;
  concurrency?: number;
  /** How often pending downloads without a job (Redis was away after the commit) are queued again. */
  sweepIntervalMs?: number;
  sweepGraceMs?: number;
}

export interface RunningMediaWorker {
  /** Queues pending downloads found without a job now (also what the timer runs). */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/** A retryable download failure: BullMQ tries again after the backoff. */
class MediaRetry extends Error {
  override name = 'MediaRetry';
}

/**
 * Runs media downloads on their own queue, a few at a time, retrying with exponential backoff. A final
 * failure is recorded on the stored media row (the report page shows it), not left only in Redis.
 */
export function startMediaWorker(
  deps: MediaDownloadDeps & { producer: MediaProducer },
  options: MediaWorkerOptions,
): RunningMediaWorker {
  const log = deps.logger;
  const worker = new Worker<MediaJob>(
    MEDIA_QUEUE,
    async (job: Job<MediaJob>) => {
      const number = job.attemptsMade + 1;
      const outcome = await downloadMedia(deps, job.data.mediaId, {
        number,
        final: number >= (job.opts.attempts ?? 1),
      });
      if (outcome === 'retry') throw new MediaRetry('media download failed; retrying');
      return outcome;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 2,
      settings: { backoffStrategy: (attemptsMade) => backoffWithJitter(attemptsMade, options.backoffMs) },
    },
  );
  worker.on('error', (error) => log.error({ queue: MEDIA_QUEUE, err: describeError(error) }, 'worker error'));

  const graceMs = options.sweepGraceMs ?? 30_000;
  const sweep = async (): Promise<number> => {
    const ids = await listPendingMedia(deps.db, new Date(Date.now() - graceMs), 500);
    const queued = ids.length ? await deps.producer.enqueue(ids) : 0;
    if (queued) log.warn({ queued }, 'pending media downloads queued again');
    return queued;
  };
  const timer = setInterval(() => {
    sweep().catch((error) => log.warn({ err: describeError(error) }, 'media sweep failed'));
  }, options.sweepIntervalMs ?? 60_000);
  timer.unref();

  return {
    sweep,
    async close() {
      clearInterval(timer);
      await worker.close();
    },
  };
}
