import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from './reports.js';
import { users } from './users.js';

export const REPORT_EVENT_TYPES = [
  'status',
  'category',
  'place',
  'assignee',
  'duplicate',
  'note',
  'follow_up',
  'message',
  'citizen_reply',
  'notification',
  'reveal',
] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];

/** A report's history as staff read it: every workflow action, internal notes, masked messages. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    /** Null for what the system or the citizen did. */
    actorUserId: uuid('actor_user_id').references(() => users.id),
    type: text('type', { enum: REPORT_EVENT_TYPES }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('report_events_report_idx').on(table.reportId, table.createdAt)],
);

export type ReportEventRow = typeof reportEvents.$inferSelect;
