import type { Redis } from 'ioredis';
import { describeError } from '../describe-error.js';
import { startIndicatorCompaction } from '../indicators/start-indicator-compaction.js';
import { createInboundMedia } from '../media/inbound-media.js';
import { mediaSourcesOf } from '../media/media-sources.js';
import { startMediaWorker } from '../media/start-media-worker.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { startOutboxSweeper } from '../pipeline/start-outbox-sweeper.js';
import { type RunningWorkers, startWorkers } from '../pipeline/start-workers.js';
import { startRetentionJob } from '../retention/start-retention-job.js';
import type { Services } from './create-services.js';

/** One attachment's download, headers to last byte: a 16 MB video on a slow link still fits. */
const MEDIA_DOWNLOAD_TIMEOUT_MS = 120_000;

/**
 * Starts the inbound and outbound workers on a worker connection (one that retries forever), the outbox
 * sweeper (at start and periodically) and the periodic indicator compaction.
 */
export async function startServiceWorkers(
  services: Services,
  connection: Redis,
  handler: ConversationHandler,
): Promise<RunningWorkers> {
  const { config, logger } = services;
  const statusBase = config.PUBLIC_URL?.replace(/\/+$/, '');
  const mediaSources = mediaSourcesOf(services.adapters);
  const workers = await startWorkers(
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      partitions: config.INBOUND_PARTITIONS,
      outboundRatePerSecond: config.OUTBOUND_RATE_PER_SECOND,
      outboundRates: new Map(
        [...services.channels].flatMap(([provider, channel]) =>
          channel.sendRate ? [[provider, channel.sendRate] as const] : [],
        ),
      ),
      outboundBackoffMs: config.OUTBOUND_BACKOFF_MS,
      inboundLockDurationMs: config.INBOUND_LOCK_DURATION_MS,
      inboundStalledIntervalMs: config.INBOUND_STALLED_INTERVAL_MS,
    },
    {
      db: services.database.db,
      cipher: services.cipher,
      handler,
      outbound: services.outbound,
      logger,
      limits: {
        messagesPerMinute: config.CONTACT_MESSAGES_PER_MINUTE,
        repliesPerDay: config.CONTACT_REPLIES_PER_DAY,
      },
      coalesceWindowMs: config.COALESCE_WINDOW_MS,
      media: createInboundMedia(new Set(mediaSources.keys()), services.media),
    },
    {
      db: services.database.db,
      cipher: services.cipher,
      adapters: services.adapters,
      statusCallbackUrl: (provider) => (statusBase ? `${statusBase}/webhooks/${provider}/status` : undefined),
      logger,
    },
  );
  const db = services.database.db;
  const outbox = startOutboxSweeper(
    {
      db,
      cipher: services.cipher,
      inbound: services.inbound,
      outbound: services.outbound,
      providers: () => services.adapters.keys(),
      logger,
    },
    { intervalMs: config.OUTBOX_SWEEP_INTERVAL_MS, graceMs: config.OUTBOX_GRACE_MS },
  );
  const compaction = startIndicatorCompaction(db, logger);
  const retention = startRetentionJob(db, services.mediaStore, logger, {
    policy: {
      closedReportDays: config.RETENTION_CLOSED_REPORT_DAYS,
      abandonedDays: config.RETENTION_ABANDONED_DAYS,
    },
  });
  const media = startMediaWorker(
    {
      db,
      store: services.mediaStore,
      sources: mediaSources,
      maxBytes: config.MEDIA_MAX_BYTES,
      timeoutMs: MEDIA_DOWNLOAD_TIMEOUT_MS,
      logger,
      producer: services.media,
    },
    { connection, prefix: config.QUEUE_PREFIX, backoffMs: config.MEDIA_DOWNLOAD_BACKOFF_MS },
  );
  // Downloads a stopped process left pending (its jobs may have been lost with Redis).
  media.sweep().catch((error) => logger.warn({ err: describeError(error) }, 'media sweep failed'));
  // Socket connections and gateway monitors run where the workers run.
  for (const channel of services.channels.values()) await channel.start?.();
  return {
    async close() {
      for (const channel of services.channels.values()) await channel.stop?.();
      await compaction.stop();
      await retention.stop();
      await media.close();
      await outbox.stop();
      await workers.close();
    },
  };
}
