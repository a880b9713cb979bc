import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import type { MediaRef } from './messages.js';
import { messages } from './messages.js';

export const REPORT_STATUSES = ['new', 'validated', 'rejected', 'in_follow_up', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A citizen's complaint as the MSF secretariat triages it. The reporter appears only as a contact id. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    referenceCode: text('reference_code').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** The inbound message that completed the report: a retried job finds it instead of making a second. */
    sourceMessageId: uuid('source_message_id')
      .notNull()
      .references(() => messages.id),
    channel: text('channel').notNull(),
    flowId: text('flow_id').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull(),
    /** `classifier`, `citizen` (chose another), or `both` (confirmed the classifier's guess). */
    categorySource: text('category_source').notNull(),
    classifierCategory: text('classifier_category'),
    classifierConfidence: real('classifier_confidence'),
    classifierEvidence: jsonb('classifier_evidence').$type<string[]>(),
    citizenCategory: text('citizen_category'),
    /** The citizen's own words: every free-text turn, in order. */
    texts: jsonb('texts').$type<string[]>().notNull(),
    provinceCode: text('province_code'),
    regencyCode: text('regency_code'),
    districtCode: text('district_code'),
    villageCode: text('village_code'),
    locationText: text('location_text'),
    media: jsonb('media').$type<MediaRef[]>().notNull().default([]),
    citizenMessages: integer('citizen_messages').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('new'),
    conversationStartedAt: timestamp('conversation_started_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('reports_reference_code_key').on(table.referenceCode),
    uniqueIndex('reports_source_message_key').on(table.sourceMessageId),
    index('reports_contact_idx').on(table.contactId),
    index('reports_triage_idx').on(table.provinceCode, table.status, table.createdAt),
  ],
);

export type ReportRow = typeof reports.$inferSelect;
