import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { withTimeout } from '../pipeline/with-timeout.js';

/** The one queue of media downloads, apart from the inbound queues: a slow download holds up no reply. */
export const MEDIA_QUEUE = 'media-download';

/** A download job carries the stored media's id only: no number, no URL, no credentials. */
export interface MediaJob {
  mediaId: string;
}

export interface MediaProducer {
  /** Queues downloads; a media id already queued (waiting, delayed for a retry, running) is not doubled. */
  enqueue(mediaIds: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

export interface MediaProducerOptions {
  connection: Redis;
  prefix: string;
  attempts: number;
  /** Bounds an add that Redis does not answer; the pending-media sweep takes over. */
  timeoutMs: number;
}

export function mediaJobId(mediaId: string): string {
  return `media-${mediaId}`;
}

export function createMediaProducer(options: MediaProducerOptions): MediaProducer {
  const queue = new Queue<MediaJob>(MEDIA_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.attempts,
      backoff: { type: 'jitter' },
      // Removed when done, so a later sweep may queue the id again: the row's status makes that a no-op.
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  queue.on('error', () => {});
  return {
    async enqueue(mediaIds) {
      if (options.connection.status !== 'ready') throw new Error('Redis unavailable: media job not queued');
      let queued = 0;
      for (const mediaId of mediaIds) {
        const jobId = mediaJobId(mediaId);
        const state = await queue.getJobState(jobId);
        if (state !== 'unknown' && state !== 'completed' && state !== 'failed') continue;
        if (state === 'completed' || state === 'failed') await queue.remove(jobId);
        await withTimeout(queue.add('download', { mediaId }, { jobId }), options.timeoutMs, 'enqueue');
        queued += 1;
      }
      return queued;
    },
    close: () => queue.close(),
  };
}
