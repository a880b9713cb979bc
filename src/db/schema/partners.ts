import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Statuses a partner receives unless configured otherwise: what a secretariat has validated. */
export const DEFAULT_PARTNER_STATUSES = ['validated', 'in_follow_up', 'closed'];

/** An organisation that takes categorized report batches out of Suara, within its scope. */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    contact: text('contact'),
    /** Province codes; empty means every province. */
    provinces: text('provinces').array().notNull().default(sql`'{}'::text[]`),
    /** Categories; empty means every category. */
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    statuses: text('statuses').array().notNull().default(sql`'{validated,in_follow_up,closed}'::text[]`),
    /** Whether the citizen's own words (scrubbed) are included. */
    withText: boolean('with_text').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** The key of this partner's reporter pseudonyms, sealed with the PII key. */
    pseudonymKeyEnc: text('pseudonym_key_enc').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('partners_name_key').on(table.name)],
);

/** A partner's API keys (`Authorization: Bearer sxp_…`), shown once, stored as SHA-256; several for rotation. */
export const partnerKeys = pgTable(
  'partner_keys',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('partner_keys_key_hash_key').on(table.keyHash),
    index('partner_keys_partner_idx').on(table.partnerId),
  ],
);

export type PartnerRow = typeof partners.$inferSelect;
