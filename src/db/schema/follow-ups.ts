import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from './reports.js';
import { users } from './users.js';

export const FOLLOW_UP_KINDS = [
  'referral',
  'letter',
  'meeting',
  'field_visit',
  'mediation',
  'public_hearing',
  'other',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** What the forum did about a report: the "followed up" of the programme's indicators. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind', { enum: FOLLOW_UP_KINDS }).notNull(),
    /** The day the action happened (local date), not when it was typed in. */
    actionDate: date('action_date').notNull(),
    agency: text('agency'),
    description: text('description').notNull(),
    outcome: text('outcome'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('follow_ups_report_idx').on(table.reportId, table.actionDate)],
);

export type FollowUpRow = typeof followUps.$inferSelect;
