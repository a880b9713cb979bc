import { sql } from 'drizzle-orm';
import { date, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { partners } from './partners.js';

export const EXPORT_BATCH_FORMATS = ['csv', 'jsonl', 'xlsx'] as const;
export type ExportBatchFormat = (typeof EXPORT_BATCH_FORMATS)[number];

/**
 * A partner's daily batch: what changed since the previous one, written to a directory and/or POSTed
 * to the partner's endpoint with an HMAC signature.
 */
export const exportSchedules = pgTable('export_schedules', {
  partnerId: uuid('partner_id')
    .primaryKey()
    .references(() => partners.id, { onDelete: 'cascade' }),
  format: text('format', { enum: EXPORT_BATCH_FORMATS }).notNull(),
  directory: text('directory'),
  url: text('url'),
  /** The key of the X-Suara-Signature HMAC, sealed with the PII key; shown to the admin once. */
  signingKeyEnc: text('signing_key_enc'),
  /** Local hour (WIB) from which the day's batch is made. */
  hour: smallint('hour').notNull().default(6),
  /** The export cursor the next batch starts from; null: everything. */
  cursor: text('cursor'),
  /** The local date of the last batch delivered. */
  lastBatchDate: date('last_batch_date'),
  lastRows: integer('last_rows'),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

export type ExportScheduleRow = typeof exportSchedules.$inferSelect;
