import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { messages } from './messages.js';

/**
 * What a conversation did besides sending texts (report created, opt-out, opt-in, language set, status
 * looked up, contact parked by loop protection), per inbound message: an audit trail.
 */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('conversation_events_message_idx').on(table.messageId)],
);
