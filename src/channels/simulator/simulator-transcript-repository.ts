import { and, asc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.js';
import { contacts } from '../../db/schema/contacts.js';
import { messages } from '../../db/schema/messages.js';

/** Every message to and from one contact address (by keyed hash) on one channel, oldest first. */
export function listMessagesOfAddress(db: DbExecutor, channel: string, addressHash: string) {
  return db
    .select({
      direction: messages.direction,
      body: messages.body,
      status: messages.status,
      media: messages.media,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(contacts, eq(messages.contactId, contacts.id))
    .where(and(eq(contacts.channel, channel), eq(contacts.addressHash, addressHash)))
    .orderBy(asc(messages.createdAt));
}
