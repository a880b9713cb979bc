import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { type MediaRefusal, type StoredMediaRow, storedMedia } from '../db/schema/media.js';
import type { MediaRef } from '../db/schema/messages.js';
import { storedMediaRef } from './stored-media-ref.js';

/**
 * Gives each attachment of a newly stored inbound message a `stored_media` row (pending) holding the
 * provider's reference, and returns the message's media as Suara refers to it from now on. Idempotent:
 * a redelivered message finds its rows by (message, position).
 */
export async function registerInboundMedia(
  tx: DbExecutor,
  messageId: string,
  provider: string,
  media: readonly MediaRef[],
): Promise<{ refs: MediaRef[]; pendingIds: string[] }> {
  if (media.length === 0) return { refs: [], pendingIds: [] };
  await tx
    .insert(storedMedia)
    .values(
      media.map((item, position) => ({
        messageId,
        position,
        provider,
        sourceRef: item.url,
        declaredContentType: item.contentType,
      })),
    )
    .onConflictDoNothing({ target: [storedMedia.messageId, storedMedia.position] });
  const rows = await tx
    .select({ id: storedMedia.id, status: storedMedia.status, position: storedMedia.position })
    .from(storedMedia)
    .where(eq(storedMedia.messageId, messageId))
    .orderBy(asc(storedMedia.position));
  return {
    refs: rows.map((row) => ({
      url: storedMediaRef(row.id),
      contentType: media[row.position]?.contentType ?? null,
    })),
    pendingIds: rows.filter((row) => row.status === 'pending').map((row) => row.id),
  };
}

export async function findStoredMedia(db: DbExecutor, id: string): Promise<StoredMediaRow | null> {
  const [row] = await db.select().from(storedMedia).where(eq(storedMedia.id, id));
  return row ?? null;
}

export async function findStoredMediaByIds(
  db: DbExecutor,
  ids: readonly string[],
): Promise<StoredMediaRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(storedMedia)
    .where(inArray(storedMedia.id, [...ids]));
}

/** Counts a download attempt (shown to staff while the media is pending or failed). */
export async function recordAttempt(db: DbExecutor, id: string, error: string | null): Promise<void> {
  await db
    .update(storedMedia)
    .set({ attempts: sql`${storedMedia.attempts} + 1`, failureReason: error, updatedAt: new Date() })
    .where(and(eq(storedMedia.id, id), eq(storedMedia.status, 'pending')));
}

/** Stored: the provider's reference is dropped, only the hash remains. */
export async function markStored(
  db: DbExecutor,
  id: string,
  stored: { sha256: string; contentType: string; sizeBytes: number },
): Promise<void> {
  await db
    .update(storedMedia)
    .set({
      ...stored,
      status: 'stored',
      sourceRef: null,
      failureReason: null,
      attempts: sql`${storedMedia.attempts} + 1`,
      storedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(storedMedia.id, id));
}

/** Refused for good (too large, a type Suara does not store): nothing is kept, nor the reference. */
export async function markRefused(
  db: DbExecutor,
  id: string,
  refusal: { reason: MediaRefusal; contentType: string | null; sizeBytes: number | null },
): Promise<void> {
  await db
    .update(storedMedia)
    .set({
      status: 'refused',
      refusalReason: refusal.reason,
      contentType: refusal.contentType,
      sizeBytes: refusal.sizeBytes,
      sourceRef: null,
      attempts: sql`${storedMedia.attempts} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(storedMedia.id, id));
}

/** Failed after its retries: the reference stays, so an operator could queue it again. */
export async function markFailed(db: DbExecutor, id: string, error: string): Promise<void> {
  await db
    .update(storedMedia)
    .set({
      status: 'failed',
      failureReason: error,
      attempts: sql`${storedMedia.attempts} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(storedMedia.id, id));
}

/** Pending downloads older than `before`: a job lost between the commit and Redis is queued again. */
export async function listPendingMedia(db: DbExecutor, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: storedMedia.id })
    .from(storedMedia)
    .where(and(eq(storedMedia.status, 'pending'), lt(storedMedia.createdAt, before)))
    .orderBy(asc(storedMedia.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}
