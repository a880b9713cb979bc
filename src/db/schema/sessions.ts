import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';

/**
 * Mirror of the conversation sessions kept in Redis, so that a restart or a Redis flush resumes (or
 * cleanly restarts) conversations. The state is the engine's plain-JSON session.
 */
export const sessions = pgTable('sessions', {
  contactId: uuid('contact_id')
    .primaryKey()
    .references(() => contacts.id),
  state: jsonb('state').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
