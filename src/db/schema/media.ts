import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { messages } from './messages.js';

export const STORED_MEDIA_STATUSES = ['pending', 'stored', 'refused', 'failed'] as const;
export type StoredMediaStatus = (typeof STORED_MEDIA_STATUSES)[number];

/** Why a download was refused for good: its size or its type. */
export const MEDIA_REFUSALS = ['too_large', 'type_not_allowed', 'unreadable_image'] as const;
export type MediaRefusal = (typeof MEDIA_REFUSALS)[number];

/**
 * One attachment of one inbound message. The message and the report refer to it by id (`stored-media:<id>`);
 * the bytes live once in the media store under their SHA-256, however many messages sent them. The
 * provider's reference (Twilio's URL, a Cloud API media id) is kept only until the download succeeds.
 */
export const storedMedia = pgTable(
  'stored_media',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    /** Its place among the message's attachments (Twilio's MediaUrl0, 1, …). */
    position: integer('position').notNull(),
    provider: text('provider').notNull(),
    sourceRef: text('source_ref'),
    /** What the webhook said the attachment was, before anything was downloaded. */
    declaredContentType: text('declared_content_type'),
    status: text('status', { enum: STORED_MEDIA_STATUSES }).notNull().default('pending'),
    /** SHA-256 (hex) of the stored copy: its name in the media store. */
    sha256: text('sha256'),
    contentType: text('content_type'),
    sizeBytes: integer('size_bytes'),
    refusalReason: text('refusal_reason', { enum: MEDIA_REFUSALS }),
    /** The last download error, for staff: no number, no credentials. */
    failureReason: text('failure_reason'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    storedAt: timestamp('stored_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('stored_media_message_position_key').on(table.messageId, table.position),
    index('stored_media_sha256_idx').on(table.sha256),
    index('stored_media_pending_idx').on(table.createdAt).where(sql`${table.status} = 'pending'`),
    check('stored_media_status_check', sql`${table.status} in ('pending', 'stored', 'refused', 'failed')`),
    check(
      'stored_media_stored_check',
      sql`${table.status} <> 'stored' or (${table.sha256} is not null and ${table.sourceRef} is null)`,
    ),
  ],
);

export type StoredMediaRow = typeof storedMedia.$inferSelect;

/** Where a place hint came from: a photo's EXIF GPS position, or a location the citizen shared. */
export const PLACE_HINT_SOURCES = ['photo_exif', 'shared_location'] as const;
export type PlaceHintSource = (typeof PLACE_HINT_SOURCES)[number];

/**
 * A position a citizen's message carried, shown to staff on the report as a hint for placing it (never
 * applied by itself: a photo may be taken far from where the problem is).
 */
export const placeHints = pgTable(
  'place_hints',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    source: text('source', { enum: PLACE_HINT_SOURCES }).notNull(),
    storedMediaId: uuid('stored_media_id').references(() => storedMedia.id),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('place_hints_message_source_key').on(
      table.messageId,
      table.source,
      sql`coalesce(${table.storedMediaId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

export type PlaceHintRow = typeof placeHints.$inferSelect;
