import { DelayedError, type Job } from 'bullmq';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics/metrics.js';
import { createDeadLetterRepository } from './dead-letter-repository.js';
import type { InboundJob } from './inbound-job.js';
import { isTransientFailure } from './is-transient-failure.js';
import {
  type InboundDeps,
  type InboundOutcome,
  type InboundTrace,
  processInbound,
} from './process-inbound.js';
import { toJobError } from './to-job-error.js';

export type InboundJobOutcome = InboundOutcome | 'dead-lettered';

/** Quick retries, in place: a job BullMQ retries later lets the contact's next message overtake it. */
const QUICK_RETRY_DELAYS_MS = [250, 1000, 3000];

/**
 * Runs one inbound job: processes the message, retrying a few times in place to absorb passing faults.
 * A message that still fails sets its job aside as a dead letter in Postgres — sealed as it travelled —
 * and the job completes, so the partition moves on to the contact's next message at once instead of
 * being retried for minutes. Failures that are Postgres's or Redis's, not the message's, go back to
 * BullMQ to retry later (until its final attempt, which dead-letters whatever the cause).
 */
export async function handleInboundJob(
  deps: InboundDeps,
  job: Job<InboundJob>,
  token?: string,
  delays = QUICK_RETRY_DELAYS_MS,
): Promise<InboundJobOutcome> {
  const log: Logger = deps.logger;
  const trace: InboundTrace = {
    job: job.id,
    queue: job.queueName,
    attempt: job.attemptsMade + 1,
    queuedAt: job.timestamp,
    pickedUpAt: job.processedOn ?? Date.now(),
  };
  let failure: unknown;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    let result: Awaited<ReturnType<typeof processInbound>>;
    try {
      result = await processInbound(deps, job.data, trace);
    } catch (error) {
      failure = error;
      const delay = delays[attempt];
      if (delay === undefined) break;
      log.warn({ err: describeError(error), retryInMs: delay }, 'inbound job failed; retrying in place');
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    if (typeof result === 'string') return result;
    // The contact's quick messages may still grow into one turn: come back when the window has
    // passed, leaving the partition to other contacts meanwhile (the wait lives in Redis, the turn's
    // state in Postgres, so a worker lost meanwhile loses nothing).
    if (token) {
      await job.moveToDelayed(result.waitUntil, token);
      throw new DelayedError();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, result.waitUntil - Date.now())));
    attempt -= 1;
  }
  const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (isTransientFailure(failure) && !finalAttempt) throw toJobError(failure);

  const error = toJobError(failure);
  const id = await createDeadLetterRepository(deps.db).record({
    queue: job.queueName,
    jobId: job.id ?? '',
    job: job.data,
    error: error.message,
    failures: delays.length + 1,
  });
  log.error(
    { job: job.id, deadLetter: id, err: error.message },
    'inbound message set aside as a dead letter',
  );
  metrics.inboundMessage(job.data.provider, 'dead_lettered', null);
  return 'dead-lettered';
}
