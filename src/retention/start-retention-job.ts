import type { Db } from '../db/database.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import type { MediaStore } from '../media/media-store.js';
import { applyRetention } from './apply-retention.js';
import type { RetentionPolicy } from './retention-policy.js';

const DAY_MS = 86_400_000;

export interface RetentionJobOptions {
  policy: RetentionPolicy;
  /** First run after start: not in the middle of a deploy's busiest minutes. */
  firstRunMs?: number;
  intervalMs?: number;
  clock?: () => Date;
}

/**
 * Applies the retention rule daily in each worker process. Every process has the timer; the advisory
 * lock inside `applyRetention` lets one of them work at a time, and the work is idempotent.
 */
export function startRetentionJob(
  db: Db,
  mediaStore: MediaStore | null,
  logger: Logger,
  options: RetentionJobOptions,
): { run(): Promise<void>; stop(): Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (running) return running;
    running = applyRetention(db, mediaStore, options.policy, clock())
      .then((result) => {
        const { skipped, ...counts } = result;
        if (!skipped && Object.values(counts).some((n) => n > 0)) logger.info(counts, 'retention applied');
      })
      .catch((error: unknown) => logger.warn({ err: describeError(error) }, 'retention failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(
    () => {
      if (stopped) return;
      void run();
      interval = setInterval(() => void run(), options.intervalMs ?? DAY_MS);
      interval.unref();
    },
    options.firstRunMs ?? 5 * 60_000,
  );
  first.unref();
  return {
    run,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(interval);
      await running;
    },
  };
}
