import type { Db } from '../db/database.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import { compactIndicatorDeltas } from './indicator-repository.js';

/**
 * Folds the indicator deltas into the rollup every `intervalMs` in a worker process. The figures are
 * exact without it (readers add pending deltas); it keeps the deltas few so reading stays fast.
 */
export function startIndicatorCompaction(
  db: Db,
  logger: Logger,
  intervalMs = 60_000,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = compactIndicatorDeltas(db)
      .then((moved) => {
        if (moved) logger.debug({ moved }, 'indicator deltas compacted');
      })
      .catch((error: unknown) => logger.warn({ error: describeError(error) }, 'indicator compaction failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
