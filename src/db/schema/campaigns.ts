import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { messages } from './messages.js';
import { users } from './users.js';

export const CAMPAIGN_STATUSES = ['scheduled', 'sending', 'paused', 'cancelled', 'done'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Who a campaign invites: consenting contacts, narrowed by where and what they reported. */
export interface CampaignAudience {
  /** Regency codes ("64.02"); empty: the whole province. */
  regencies: string[];
  /** Contacts who reported in this category; null: any. */
  category: string | null;
  /** Contacts who reported in this period (local dates, inclusive); null: any time. */
  from: string | null;
  to: string | null;
}

/** The figures shown before sending, kept as they were when the campaign was created. */
export interface CampaignEstimate {
  recipients: number;
  sms: number;
  cost: number;
  currency: string;
}

/** A scorecard campaign: one survey sent as invitations to an audience of one province. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    surveyId: text('survey_id').notNull(),
    provinceCode: text('province_code').notNull(),
    audience: jsonb('audience').$type<CampaignAudience>().notNull(),
    estimate: jsonb('estimate').$type<CampaignEstimate>().notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull(),
    /** Sending starts at this time (moved into the allowed hours of the province's local time). */
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('campaigns_province_idx').on(table.provinceCode, table.createdAt)],
);

export const RECIPIENT_STATUSES = ['pending', 'sent', 'skipped', 'cancelled'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** One contact of a campaign's audience: the primary key makes "at most once per campaign" a constraint. */
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    status: text('status', { enum: RECIPIENT_STATUSES }).notNull().default('pending'),
    /** Why a recipient was skipped: no_consent, opted_out, monthly_cap, busy. */
    reason: text('reason'),
    /** The invitation's segments, as estimated. */
    segments: integer('segments').notNull().default(1),
    messageId: uuid('message_id').references(() => messages.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.campaignId, table.contactId] }),
    index('campaign_recipients_contact_idx').on(table.contactId, table.invitedAt),
    index('campaign_recipients_pending_idx').on(table.campaignId).where(sql`status = 'pending'`),
  ],
);

export type CampaignRow = typeof campaigns.$inferSelect;
