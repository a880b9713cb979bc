import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';

export const CONSENT_SOURCES = ['report_end', 'keyword'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/**
 * Whether a contact agreed to be invited to surveys: asked once (time and wording), given (time,
 * wording, how), withdrawn (time, by which keyword). Only the current state lives here; every change
 * is also a row in conversation_events.
 */
export const contactConsents = pgTable('contact_consents', {
  contactId: uuid('contact_id')
    .primaryKey()
    .references(() => contacts.id),
  askedAt: timestamp('asked_at', { withTimezone: true }),
  askedWording: text('asked_wording'),
  givenAt: timestamp('given_at', { withTimezone: true }),
  /** The terms as the citizen read them when agreeing. */
  wording: text('wording'),
  source: text('source', { enum: CONSENT_SOURCES }),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  /** The keyword that withdrew it (stop, keluar) or `provider` (unsubscribed at the provider). */
  withdrawnBy: text('withdrawn_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ContactConsentRow = typeof contactConsents.$inferSelect;
