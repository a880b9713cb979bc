import { asc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../src/db/database.js';
import { storedMedia } from '../../src/db/schema/media.js';
import type { MediaRef } from '../../src/db/schema/messages.js';
import { storedMediaIdOf } from '../../src/media/stored-media-ref.js';

/**
 * An inbound message's attachments as the provider gave them: the message itself refers to stored media
 * by id (`stored-media:<uuid>`), and the provider's references wait in `stored_media` until downloaded.
 * Throws if the message's media are not all stored-media references, in order.
 */
export async function providerMediaOf(
  db: DbExecutor,
  message: { id: string; media: MediaRef[] },
): Promise<MediaRef[]> {
  const rows = await db
    .select()
    .from(storedMedia)
    .where(eq(storedMedia.messageId, message.id))
    .orderBy(asc(storedMedia.position));
  const ids = message.media.map((m) => storedMediaIdOf(m.url));
  if (ids.length !== rows.length || ids.some((id, i) => id !== rows[i]?.id))
    throw new Error('the message does not refer to its stored media rows');
  return rows.map((row) => ({ url: row.sourceRef ?? '(downloaded)', contentType: row.declaredContentType }));
}
