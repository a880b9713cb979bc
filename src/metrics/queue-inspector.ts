import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Provider } from '../channels/channel-adapter.js';
import { inboundQueueName, outboundQueueName } from '../pipeline/queue-names.js';

export interface QueueSnapshot {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  failed: number;
  /** Age of the oldest job waiting to run; null when none waits. */
  oldestWaitingMs: number | null;
  completedLastMinute: number;
  failedLastMinute: number;
  /** How long the queue's rate limit still holds its jobs back (0: not limited). */
  rateLimitedForMs: number;
}

export interface QueueInspector {
  snapshot(): Promise<QueueSnapshot[]>;
  close(): Promise<void>;
}

export interface QueueInspectorOptions {
  connection: Redis;
  prefix: string;
  partitions: number;
  /** Providers whose outbound queues to read. */
  providers: Iterable<Provider>;
  clock?: () => number;
}

/** Reads the inbound partitions' and outbound queues' state from Redis, for /metrics and `suara status`. */
export function createQueueInspector(options: QueueInspectorOptions): QueueInspector {
  const clock = options.clock ?? Date.now;
  const names = [
    ...Array.from({ length: options.partitions }, (_, partition) => inboundQueueName(partition)),
    ...[...options.providers].map((provider) => outboundQueueName(provider)),
  ];
  const queues = names.map((name) => {
    const queue = new Queue(name, { connection: options.connection, prefix: options.prefix });
    queue.on('error', () => {});
    return queue;
  });

  async function inspect(queue: Queue): Promise<QueueSnapshot> {
    const now = clock();
    const minuteAgo = now - 60_000;
    const [counts, oldest, completedLastMinute, failedLastMinute, rateLimitTtl] = await Promise.all([
      queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'failed'),
      queue.getJobs(['wait', 'prioritized'], 0, 0, true),
      // Finished jobs are kept for a while in sorted sets scored by when they finished.
      options.connection.zcount(queue.toKey('completed'), minuteAgo, '+inf'),
      options.connection.zcount(queue.toKey('failed'), minuteAgo, '+inf'),
      queue.getRateLimitTtl(),
    ]);
    const oldestTimestamp = oldest.reduce<number | null>(
      (min, job) => (job?.timestamp && (min === null || job.timestamp < min) ? job.timestamp : min),
      null,
    );
    return {
      queue: queue.name,
      waiting: counts.wait ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      prioritized: counts.prioritized ?? 0,
      failed: counts.failed ?? 0,
      oldestWaitingMs: oldestTimestamp === null ? null : Math.max(0, now - oldestTimestamp),
      completedLastMinute,
      failedLastMinute,
      rateLimitedForMs: Math.max(0, rateLimitTtl),
    };
  }

  return {
    snapshot: () => Promise.all(queues.map(inspect)),
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
