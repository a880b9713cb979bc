import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  customType,
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
import { users } from './users.js';

export const REPORT_STATUSES = ['new', 'validated', 'rejected', 'in_follow_up', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REJECTION_REASONS = ['duplicate', 'spam', 'out_of_scope', 'insufficient_information'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const CLOSE_OUTCOMES = ['resolved', 'not_resolved', 'referred_elsewhere', 'withdrawn'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** Which service-level deadline a report faces next. */
export const DUE_KINDS = ['triage', 'follow_up', 'closure'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** A 64-bit transaction id, as text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

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
    /** `classifier`, `citizen` (chose another), `both` (confirmed the classifier's guess) or `staff`. */
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
    /** Made through the web simulator: kept out of triage, indicators and exports unless asked for. */
    simulated: boolean('simulated').notNull().default(false),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** This report repeats `duplicateOfId`, the original that carries the group. */
    duplicateOfId: uuid('duplicate_of_id').references((): AnyPgColumn => reports.id),
    rejectionReason: text('rejection_reason', { enum: REJECTION_REASONS }),
    outcome: text('outcome', { enum: CLOSE_OUTCOMES }),
    /** What staff chose to tell the citizen; STATUS replies with the latest one. */
    publicNote: text('public_note'),
    /** When the report first left `new` (validated or rejected): the end of "time to triage". */
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    firstFollowUpAt: timestamp('first_follow_up_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The next service-level deadline and which one it is; null once rejected or closed. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    dueKind: text('due_kind', { enum: DUE_KINDS }),
    /** Until when the citizen's messages are attached to this report (masked replies). */
    threadOpenUntil: timestamp('thread_open_until', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, lower(reference_code) || ' ' || coalesce(texts::text, '') || ' ' || coalesce(location_text, ''))`,
    ),
    /**
     * The transaction that last wrote the report (set by a trigger on every update): an incremental export
     * takes what its previous snapshot could not see, so no concurrent commit is missed or sent twice.
     */
    changeXid: xid8('change_xid').notNull().default(sql`pg_current_xact_id()`),
    conversationStartedAt: timestamp('conversation_started_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('reports_reference_code_key').on(table.referenceCode),
    uniqueIndex('reports_source_message_key').on(table.sourceMessageId),
    index('reports_contact_idx').on(table.contactId),
    index('reports_triage_idx').on(table.provinceCode, table.status, table.createdAt),
    // Keyset pagination of the inbox, newest first: all provinces, and one province.
    // NULLS FIRST is what `order by … desc` means: an index declared otherwise cannot serve the sort.
    index('reports_inbox_idx').on(table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index('reports_province_inbox_idx').on(
      table.provinceCode,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The inbox tabs' counts, read from the index alone.
    index('reports_status_counts_idx')
      .on(table.provinceCode, table.status)
      .where(sql`not ${table.simulated}`),
    // Full-text search with the filters it always comes with, in one GIN index (btree_gin).
    index('reports_search_idx').using('gin', table.search, table.provinceCode, table.status, table.category),
    index('reports_due_idx').on(table.dueAt),
    // Unique citizens of a province and period, read from the index alone.
    index('reports_citizens_idx')
      .on(table.provinceCode, table.createdAt, table.contactId)
      .where(sql`not ${table.simulated}`),
    index('reports_duplicate_of_idx').on(table.duplicateOfId),
    index('reports_change_xid_idx').on(table.changeXid),
    // Overdue counts of a province and period, read from the index alone.
    index('reports_overdue_idx')
      .on(table.provinceCode, table.createdAt)
      .where(sql`not ${table.simulated} and ${table.dueAt} is not null`),
  ],
);

export type ReportRow = typeof reports.$inferSelect;
