import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tableExists } from '../privacy/rotate-pii-keys.js';

type Tx = Pick<Db, 'execute'>;

/**
 * Empties the given messages' texts and media, and removes their stored media and place hints.
 * Returns how many messages changed and the media files no other message refers to any more.
 */
export async function redactMessageContent(
  tx: Tx,
  messageIds: readonly string[],
  now: Date,
): Promise<{ messages: number; storedMedia: number; mediaFiles: string[] }> {
  if (messageIds.length === 0) return { messages: 0, storedMedia: 0, mediaFiles: [] };
  const ids = sql`${`{${messageIds.join(',')}}`}::uuid[]`;
  let storedMedia = 0;
  const mediaFiles: string[] = [];
  if (await tableExists(tx, 'stored_media')) {
    if (await tableExists(tx, 'place_hints')) {
      await tx.execute(sql`delete from place_hints where message_id = any(${ids})`);
    }
    const removed = await tx.execute<{ sha256: string | null }>(
      sql`delete from stored_media where message_id = any(${ids}) returning sha256`,
    );
    storedMedia = removed.rowCount ?? 0;
    for (const sha256 of new Set(removed.rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])))) {
      // Content-addressed: the same file sent in a message still kept stays.
      const other = await tx.execute(sql`select 1 from stored_media where sha256 = ${sha256} limit 1`);
      if (other.rows.length === 0) mediaFiles.push(sha256);
    }
  }
  const updated = await tx.execute(
    sql`update messages set body = '', media = '[]'::jsonb, error_message = null, updated_at = ${now}
        where id = any(${ids}) and (body <> '' or media <> '[]'::jsonb or error_message is not null)`,
  );
  return { messages: updated.rowCount ?? 0, storedMedia, mediaFiles };
}
