import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';

export interface MediaRef {
  url: string;
  contentType: string | null;
}

export const MESSAGE_STATUSES = [
  'received',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  // A WhatsApp notification outside the 24-hour window with no template configured: sent when the citizen next writes.
  'held',
  // Handed to a provider that cannot say afterwards whether it took the message: not sent again, shown to staff.
  'unconfirmed',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * An approved WhatsApp template for a message sent outside the 24-hour window: a Twilio Content API
 * template (HX… id), or a WhatsApp Cloud API template (its name and language code). Variables are
 * numbered from "1", as both providers number a template's placeholders.
 */
export type MessageTemplate =
  | { contentSid: string; variables: Record<string, string> }
  | { name: string; language: string; variables: Record<string, string> };

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    channel: text('channel').notNull(),
    provider: text('provider').notNull(),
    /** Twilio MessageSid and the like; null for an outbound message not yet accepted by the provider. */
    providerMessageId: text('provider_message_id'),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    body: text('body').notNull().default(''),
    media: jsonb('media').$type<MediaRef[]>().notNull().default([]),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    attempts: integer('attempts').notNull().default(0),
    /** For an outbound message: the inbound message it answers. */
    inReplyTo: uuid('in_reply_to'),
    /** Sent even to an opted-out contact: only the confirmation of STOP itself. */
    ignoreOptOut: boolean('ignore_opt_out').notNull().default(false),
    /** The report this message belongs to beyond its conversation: notifications, masked replies, answers. */
    reportId: uuid('report_id'),
    template: jsonb('template').$type<MessageTemplate>(),
    /** When the conversation handler finished with an inbound message (null = still to do). */
    handledAt: timestamp('handled_at', { withTimezone: true }),
    /**
     * For an outbound message: when its send job was last handed to Redis (null = not yet). The outbox
     * sweeper queues `queued` messages left without one, e.g. when Redis was down right after the commit.
     */
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    /**
     * For an outbound message: when the send now in progress was committed, before calling the provider
     * (null = no send in progress). Still set on a later attempt means the outcome is unknown: the
     * provider is asked (reconciliation) instead of sending blindly.
     */
    sendAttemptedAt: timestamp('send_attempted_at', { withTimezone: true }),
    /** That send's idempotency key, handed to providers that accept one (the Android app's message id). */
    sendAttemptKey: text('send_attempt_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // A provider may deliver the same message twice; this makes the second insert a no-op.
    uniqueIndex('messages_provider_message_id_key').on(table.provider, table.providerMessageId),
    index('messages_contact_created_idx').on(table.contactId, table.createdAt),
    index('messages_status_idx').on(table.direction, table.status),
    index('messages_in_reply_to_idx').on(table.inReplyTo),
    index('messages_report_idx').on(table.reportId),
    // What the outbox sweeper looks for every few seconds: small partial indexes, not table scans.
    index('messages_outbox_idx')
      .on(table.updatedAt)
      .where(sql`direction = 'outbound' and status = 'queued' and enqueued_at is null`),
    index('messages_unconfirmed_idx')
      .on(table.updatedAt)
      .where(sql`direction = 'outbound' and status = 'unconfirmed'`),
    index('messages_open_attempt_idx')
      .on(table.sendAttemptedAt)
      .where(sql`direction = 'outbound' and status = 'sending' and send_attempted_at is not null`),
    index('messages_unhandled_idx')
      .on(table.createdAt)
      .where(sql`direction = 'inbound' and handled_at is null`),
  ],
);

export type MessageRow = typeof messages.$inferSelect;
