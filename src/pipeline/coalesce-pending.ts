import { and, asc, eq, isNull, notExists, or } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { deadLetters } from '../db/schema/dead-letters.js';
import { type MediaRef, messages } from '../db/schema/messages.js';

export interface PendingInbound {
  id: string;
  receivedAt: Date;
  body: string;
  media: MediaRef[];
}

/**
 * Locks and returns a contact's stored, unanswered inbound messages, oldest first: the ones a turn may
 * join. Dead letters wait for an admin and are left out — except `ownId`, the job's own message, which
 * may be a dead letter being replayed. The row locks make a concurrent run of another of the contact's
 * jobs wait here, then see what this one answered.
 */
export async function coalescePending(
  tx: DbExecutor,
  contactId: string,
  ownId: string,
): Promise<PendingInbound[]> {
  return tx
    .select({ id: messages.id, receivedAt: messages.createdAt, body: messages.body, media: messages.media })
    .from(messages)
    .where(
      and(
        eq(messages.contactId, contactId),
        eq(messages.direction, 'inbound'),
        isNull(messages.handledAt),
        or(
          eq(messages.id, ownId),
          notExists(
            tx
              .select({ id: deadLetters.id })
              .from(deadLetters)
              .where(
                and(
                  eq(deadLetters.provider, messages.provider),
                  eq(deadLetters.providerMessageId, messages.providerMessageId),
                ),
              ),
          ),
        ),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .for('update', { of: messages });
}
