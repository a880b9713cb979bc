import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { describeError } from '../describe-error.js';
import type { Logger } from '../logger.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import type { InboundProducer } from './inbound-producer.js';
import type { OutboundProducer } from './outbound-producer.js';
import { requeueOpenAttempts } from './requeue-open-attempts.js';
import { requeueStrandedOutbound } from './requeue-stranded-outbound.js';
import { requeueUnhandledInbound } from './requeue-unhandled-inbound.js';

export interface OutboxSweeperDeps {
  db: Db;
  cipher: PiiCipher;
  inbound: InboundProducer;
  outbound: OutboundProducer;
  providers: () => Iterable<Provider>;
  logger: Logger;
}

export interface OutboxSweeperOptions {
  intervalMs: number;
  graceMs: number;
  /** How long a send attempt may stay open before a job is queued to reconcile it (default 10 min). */
  openAttemptMs?: number;
}

/** Well past a send job's last retry (6 attempts with exponential backoff take about two minutes). */
const OPEN_ATTEMPT_MS = 10 * 60_000;

export interface OutboxSweeper {
  /** Runs one sweep now (also what the timer runs); resolves to what it queued. */
  sweep(): Promise<{ inbound: number; outbound: number }>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Every worker process sweeps the outbox: at start (work a dead process left half done) and then every
 * `intervalMs`, because a Redis outage can strand committed replies while every process keeps running.
 * Job ids derive from the stored rows, so sweeps in several processes at once queue each message once.
 */
export function startOutboxSweeper(deps: OutboxSweeperDeps, options: OutboxSweeperOptions): OutboxSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const sweepOnce = async () => {
    const inbound = await requeueUnhandledInbound(deps.db, deps.cipher, deps.inbound, options.graceMs);
    const outbound = await requeueStrandedOutbound(deps.db, deps.outbound, deps.providers(), options.graceMs);
    // Replies handed to a provider with no answer recorded are never requeued as unsent: a job asks first.
    const reconcile = await requeueOpenAttempts(
      deps.db,
      deps.outbound,
      deps.providers(),
      options.openAttemptMs ?? OPEN_ATTEMPT_MS,
    );
    if (inbound || outbound || reconcile)
      deps.logger.warn({ inbound, outbound, reconcile }, 'unfinished messages queued again');
    return { inbound, outbound: outbound + reconcile };
  };
  const sweep = () => {
    const next = running.then(sweepOnce);
    running = next.catch(() => {});
    return next;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweep()
        .catch((error) =>
          // Redis or Postgres away: the next sweep tries again.
          deps.logger.warn({ err: describeError(error) }, 'outbox sweep failed'),
        )
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };

  sweep()
    .catch((error) => deps.logger.warn({ err: describeError(error) }, 'outbox sweep failed'))
    .finally(schedule);

  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
