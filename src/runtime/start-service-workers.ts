import type { Redis } from 'ioredis';
import { startIndicatorCompaction } from '../indicators/start-indicator-compaction.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { requeueStrandedOutbound } from '../pipeline/requeue-stranded-outbound.js';
import { requeueUnhandledInbound } from '../pipeline/requeue-unhandled-inbound.js';
import { type RunningWorkers, startWorkers } from '../pipeline/start-workers.js';
import type { Services } from './create-services.js';

/** Starts the inbound and outbound workers on a worker connection (one that retries forever), then the start-up sweeps
 * and the periodic indicator compaction. */
export async function startServiceWorkers(
  services: Services,
  connection: Redis,
  handler: ConversationHandler,
): Promise<RunningWorkers> {
  const { config, logger } = services;
  const statusBase = config.PUBLIC_URL?.replace(/\/+$/, '');
  const workers = await startWorkers(
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      partitions: config.INBOUND_PARTITIONS,
      outboundRatePerSecond: config.OUTBOUND_RATE_PER_SECOND,
      outboundBackoffMs: config.OUTBOUND_BACKOFF_MS,
    },
    { db: services.database.db, cipher: services.cipher, handler, outbound: services.outbound, logger },
    {
      db: services.database.db,
      cipher: services.cipher,
      adapters: services.adapters,
      statusCallbackUrl: (provider) => (statusBase ? `${statusBase}/webhooks/${provider}/status` : undefined),
      logger,
    },
  );
  // Start-up sweeps: work a dead process left half done.
  const db = services.database.db;
  const inbound = await requeueUnhandledInbound(db, services.cipher, services.inbound);
  const outbound = await requeueStrandedOutbound(db, services.outbound, services.adapters.keys());
  if (inbound || outbound) logger.warn({ inbound, outbound }, 'unfinished messages queued again');
  const compaction = startIndicatorCompaction(db, logger);
  return {
    async close() {
      await compaction.stop();
      await workers.close();
    },
  };
}
