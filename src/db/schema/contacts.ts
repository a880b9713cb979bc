import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A citizen as seen through one channel. The address (phone number) is stored only encrypted
 * (`addressEnc`) and as a keyed hash for lookup; everything else refers to the contact by `pseudonym`.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    pseudonym: text('pseudonym').notNull(),
    channel: text('channel').notNull(),
    addressHash: text('address_hash').notNull(),
    addressEnc: text('address_enc').notNull(),
    /** Provider the contact last wrote through: replies go back the same way. */
    provider: text('provider').notNull(),
    language: text('language'),
    optedOut: boolean('opted_out').notNull().default(false),
    optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Start of WhatsApp's 24-hour free-form reply window. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    /**
     * Set while the contact writes faster than the inbound rate limit or has had its daily replies:
     * its messages are stored but not answered. Cleared by the first message answered again.
     */
    parkedAt: timestamp('parked_at', { withTimezone: true }),
    parkedReason: text('parked_reason', { enum: ['inbound_rate', 'daily_replies'] }),
    /** Messages stored without an answer since `parkedAt`. */
    parkedMessages: integer('parked_messages').notNull().default(0),
    lastParkedAt: timestamp('last_parked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('contacts_channel_address_hash_key').on(table.channel, table.addressHash),
    uniqueIndex('contacts_pseudonym_key').on(table.pseudonym),
    index('contacts_last_seen_idx').on(table.lastSeenAt),
    index('contacts_parked_idx').on(table.parkedAt).where(sql`parked_at is not null`),
  ],
);

export type ContactRow = typeof contacts.$inferSelect;
