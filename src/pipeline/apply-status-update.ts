import { and, eq, inArray } from 'drizzle-orm';
import type { Provider, StatusUpdate } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { type MessageStatus, messages } from '../db/schema/messages.js';

/** Callbacks can arrive out of order: a status may only replace one that comes earlier in this list. */
const EARLIER: Record<MessageStatus, MessageStatus[]> = {
  received: [],
  queued: [],
  sending: ['queued'],
  sent: ['queued', 'sending'],
  delivered: ['queued', 'sending', 'sent'],
  read: ['queued', 'sending', 'sent', 'delivered'],
  failed: ['queued', 'sending', 'sent'],
  held: [],
  // Set by Suara itself, on a message without a provider id: no callback can name it.
  unconfirmed: [],
};

export type StatusOutcome = 'updated' | 'stale' | 'unknown-message';

export async function applyStatusUpdate(
  db: Db,
  provider: Provider,
  update: StatusUpdate,
): Promise<StatusOutcome> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: messages.id, contactId: messages.contactId })
      .from(messages)
      .where(and(eq(messages.provider, provider), eq(messages.providerMessageId, update.providerMessageId)));
    if (!message) return 'unknown-message';

    const earlier = EARLIER[update.status];
    const changed = earlier.length
      ? await tx
          .update(messages)
          .set({ status: update.status, errorCode: update.errorCode, updatedAt: new Date() })
          .where(and(eq(messages.id, message.id), inArray(messages.status, earlier)))
          .returning({ id: messages.id })
      : [];

    // The adapter knows its provider's codes (Twilio 21610: the recipient replied STOP).
    if (update.unsubscribed) {
      await tx
        .update(contacts)
        .set({ optedOut: true, optedOutAt: new Date() })
        .where(and(eq(contacts.id, message.contactId), eq(contacts.optedOut, false)));
    }
    return changed.length ? 'updated' : 'stale';
  });
}
