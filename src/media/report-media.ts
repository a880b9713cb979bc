import type { DbExecutor } from '../db/database.js';
import type { MediaRefusal, PlaceHintRow, StoredMediaStatus } from '../db/schema/media.js';
import type { MediaRef } from '../db/schema/messages.js';
import { placeHintsOfMessages } from './place-hint-repository.js';
import { storedMediaIdOf } from './stored-media-ref.js';
import { findStoredMediaByIds } from './stored-media-repository.js';

/** One attachment of a report as staff see it: stored (viewable), on its way, refused or failed. */
export interface ReportMediaItem {
  index: number;
  /** `link`: an attachment from before media were stored, fetched from the provider when opened. */
  status: StoredMediaStatus | 'link';
  contentType: string | null;
  sizeBytes: number | null;
  refusalReason: MediaRefusal | null;
  failureReason: string | null;
  attempts: number;
}

/** The report's attachments with their download status, and the place hints of its messages. */
export async function loadReportMedia(
  db: DbExecutor,
  media: readonly MediaRef[],
  messageIds: readonly string[],
): Promise<{ items: ReportMediaItem[]; placeHints: PlaceHintRow[] }> {
  const ids = media.map((item) => storedMediaIdOf(item.url));
  const [rows, placeHints] = await Promise.all([
    findStoredMediaByIds(
      db,
      ids.filter((id): id is string => id !== null),
    ),
    placeHintsOfMessages(db, messageIds),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = media.map((item, index): ReportMediaItem => {
    const id = ids[index];
    const row = id ? byId.get(id) : undefined;
    if (!row) {
      return {
        index,
        status: 'link',
        contentType: item.contentType,
        sizeBytes: null,
        refusalReason: null,
        failureReason: null,
        attempts: 0,
      };
    }
    return {
      index,
      status: row.status,
      contentType: row.contentType ?? row.declaredContentType,
      sizeBytes: row.sizeBytes,
      refusalReason: row.refusalReason,
      failureReason: row.failureReason,
      attempts: row.attempts,
    };
  });
  return { items, placeHints };
}
