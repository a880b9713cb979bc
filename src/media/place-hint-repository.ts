import { asc, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { type PlaceHintRow, type PlaceHintSource, placeHints } from '../db/schema/media.js';

export interface PlaceHintInput {
  messageId: string;
  source: PlaceHintSource;
  latitude: number;
  longitude: number;
  /** The photo the position was read from (`photo_exif`). */
  storedMediaId?: string | null;
}

/**
 * Records a position a citizen's message carried — a photo's EXIF GPS, or a location shared on WhatsApp —
 * as a hint staff see on the report. Once per message, source and photo: a redelivery changes nothing.
 */
export async function recordPlaceHint(db: DbExecutor, hint: PlaceHintInput): Promise<void> {
  await db
    .insert(placeHints)
    .values({
      messageId: hint.messageId,
      source: hint.source,
      latitude: hint.latitude,
      longitude: hint.longitude,
      storedMediaId: hint.storedMediaId ?? null,
    })
    .onConflictDoNothing();
}

/** The place hints of a report's messages, oldest first. */
export async function placeHintsOfMessages(
  db: DbExecutor,
  messageIds: readonly string[],
): Promise<PlaceHintRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .select()
    .from(placeHints)
    .where(inArray(placeHints.messageId, [...messageIds]))
    .orderBy(asc(placeHints.createdAt));
}
