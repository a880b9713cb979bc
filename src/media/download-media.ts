import { createHash } from 'node:crypto';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { baseMediaType, isAllowedMediaType, isImageType } from './allowed-media-type.js';
import type { FetchMedia } from './media-source.js';
import type { MediaStore } from './media-store.js';
import { recordPlaceHint } from './place-hint-repository.js';
import { readLimited } from './read-limited.js';
import {
  findStoredMedia,
  markFailed,
  markRefused,
  markStored,
  recordAttempt,
} from './stored-media-repository.js';
import { stripImageMetadata } from './strip-image-metadata.js';

export interface MediaDownloadDeps {
  db: Db;
  store: MediaStore;
  /** Each provider's download, with its credentials (from the channel adapters). */
  sources: ReadonlyMap<Provider, FetchMedia>;
  maxBytes: number;
  timeoutMs: number;
  logger: Logger;
}

export type MediaDownloadOutcome = 'stored' | 'refused' | 'failed' | 'retry' | 'skipped';

/**
 * Downloads one attachment, checks it (type, then size while reading), strips an image's metadata after
 * reading its GPS position, and stores it once under its hash. Log lines name the stored media and
 * message ids only — never the number, nor the provider URL.
 */
export async function downloadMedia(
  deps: MediaDownloadDeps,
  mediaId: string,
  attempt: { number: number; final: boolean },
): Promise<MediaDownloadOutcome> {
  const row = await findStoredMedia(deps.db, mediaId);
  if (row?.status !== 'pending' || !row.sourceRef) return 'skipped';
  const log = deps.logger.child({ media: row.id, message: row.messageId, provider: row.provider });
  const id = row.id;
  const fail = async (error: string, retry: boolean): Promise<MediaDownloadOutcome> => {
    if (retry && !attempt.final) {
      await recordAttempt(deps.db, id, error);
      log.warn({ attempt: attempt.number, err: error }, 'media download failed; will retry');
      return 'retry';
    }
    await markFailed(deps.db, id, error);
    log.error({ attempt: attempt.number, err: error }, 'media download failed for good');
    return 'failed';
  };
  const refuse = async (
    reason: 'too_large' | 'type_not_allowed' | 'unreadable_image',
    contentType: string | null,
    sizeBytes: number | null,
    detail: Record<string, unknown>,
  ): Promise<MediaDownloadOutcome> => {
    await markRefused(deps.db, id, { reason, contentType, sizeBytes });
    const why = {
      too_large: `media refused: larger than MEDIA_MAX_BYTES (${deps.maxBytes} bytes)`,
      type_not_allowed: 'media refused: type not allowed (images, audio, video and PDF only)',
      unreadable_image: 'media refused: image cannot be read to strip its metadata',
    }[reason];
    log.warn({ reason, contentType, ...detail }, why);
    return 'refused';
  };

  const source = deps.sources.get(row.provider as Provider);
  // A channel switched off since the message came: its credentials may come back.
  if (!source) return fail(`the ${row.provider} channel is not enabled here`, true);

  const abort = new AbortController();
  const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(deps.timeoutMs)]);
  try {
    const fetched = await source(row.sourceRef, signal);
    if (!fetched.ok) return fail(fetched.error, fetched.retry);
    const contentType = baseMediaType(fetched.contentType ?? row.declaredContentType ?? '');
    if (!isAllowedMediaType(contentType)) {
      abort.abort();
      return refuse('type_not_allowed', contentType || null, null, {});
    }
    if (fetched.declaredBytes !== undefined && fetched.declaredBytes > deps.maxBytes) {
      abort.abort();
      return refuse('too_large', contentType, fetched.declaredBytes, {
        declaredBytes: fetched.declaredBytes,
      });
    }
    let read: Awaited<ReturnType<typeof readLimited>>;
    try {
      read = await readLimited(fetched.body, deps.maxBytes);
    } catch {
      return fail(signal.aborted ? 'the download timed out' : 'the download broke off', true);
    }
    if (!read.ok) {
      abort.abort();
      return refuse('too_large', contentType, null, { readBytes: read.readBytes });
    }

    let bytes = read.bytes;
    let sha256 = read.sha256;
    let storedType = contentType;
    if (isImageType(contentType)) {
      const image = await stripImageMetadata(read.bytes);
      if (!image.ok) return refuse('unreadable_image', contentType, read.bytes.length, { err: image.error });
      bytes = image.bytes;
      storedType = image.contentType;
      sha256 = createHash('sha256').update(bytes).digest('hex');
      if (image.gps) {
        await recordPlaceHint(deps.db, {
          messageId: row.messageId,
          source: 'photo_exif',
          storedMediaId: row.id,
          ...image.gps,
        });
      }
    }
    const put = await deps.store.put(sha256, bytes);
    await markStored(deps.db, row.id, { sha256, contentType: storedType, sizeBytes: bytes.length });
    log.info(
      { contentType: storedType, sizeBytes: bytes.length, duplicate: !put.created, attempt: attempt.number },
      'media stored',
    );
    return 'stored';
  } finally {
    abort.abort();
  }
}
