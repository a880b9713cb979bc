import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../describe-error.js';
import { backoffWithJitter } from '../pipeline/backoff-with-jitter.js';
import type { ExportBatchService } from './export-batch-service.js';

export const EXPORT_BATCH_QUEUE = 'export-batches';

type BatchJob = { partnerId: string; date: string } | Record<string, never>;

export interface ExportBatchOptions {
  connection: Redis;
  prefix: string;
  /** How often due batches are looked for (a BullMQ job scheduler: one tick for all processes). */
  tickMs: number;
  /** First retry delay of a failed delivery; each further one doubles (with jitter). */
  backoffMs: number;
  attempts: number;
  logger: Logger;
}

/**
 * Runs partners' scheduled batches on their own queue: a repeatable tick queues each due partner's
 * batch once per day (the job id names the partner and the date), and a failed delivery is retried
 * with exponential backoff; after the last attempt the next day's tick tries again from the same cursor.
 */
export async function startExportBatches(
  service: ExportBatchService,
  options: ExportBatchOptions,
): Promise<{ close(): Promise<void> }> {
  const { connection, prefix, logger } = options;
  const queue = new Queue<BatchJob>(EXPORT_BATCH_QUEUE, { connection, prefix });
  const worker = new Worker<BatchJob>(
    EXPORT_BATCH_QUEUE,
    async (job: Job<BatchJob>) => {
      if (job.name === 'tick') {
        const { date, partnerIds } = await service.due();
        await queue.addBulk(
          partnerIds.map((partnerId) => ({
            name: 'batch',
            data: { partnerId, date },
            opts: {
              jobId: `batch-${partnerId}-${date}`,
              attempts: options.attempts,
              backoff: { type: 'custom' },
              removeOnComplete: true,
              removeOnFail: 1000,
            },
          })),
        );
        return partnerIds.length;
      }
      if (!('partnerId' in job.data)) return null;
      const delivery = await service.deliver(job.data.partnerId, job.data.date);
      if (delivery)
        logger.info(
          {
            partnerId: job.data.partnerId,
            date: job.data.date,
            rows: delivery.rows,
            posted: delivery.posted,
          },
          'partner batch delivered',
        );
      return delivery?.rows ?? null;
    },
    {
      connection,
      prefix,
      concurrency: 1,
      settings: { backoffStrategy: (attemptsMade) => backoffWithJitter(attemptsMade, options.backoffMs) },
    },
  );
  worker.on('failed', (job, error) => {
    if (job?.name === 'batch')
      logger.warn(
        { queue: EXPORT_BATCH_QUEUE, attempt: job.attemptsMade, err: describeError(error) },
        'partner batch delivery failed',
      );
  });
  worker.on('error', (error) =>
    logger.error({ queue: EXPORT_BATCH_QUEUE, err: describeError(error) }, 'worker error'),
  );
  await queue.upsertJobScheduler(
    'export-batches-tick',
    { every: options.tickMs },
    { name: 'tick', data: {} },
  );
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
