import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';

/** A survey answer as stored: a rating, a choice value, yes/no, or a free-text comment. */
export type SurveyAnswerValue = string | number | boolean | null;

/**
 * One respondent's answers to one survey, kept up to date as they answer, so a survey stopped midway
 * still counts as started. The respondent appears only as a contact id (for "one answer per person");
 * no phone number, pseudonym or name is copied here, and downloads leave even the id out.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    surveyId: text('survey_id').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** The campaign that invited the respondent; null when they started it by keyword. */
    campaignId: uuid('campaign_id'),
    channel: text('channel').notNull(),
    language: text('language').notNull(),
    /** Where the respondent lives as far as Suara knows (their latest located report), for results by regency. */
    provinceCode: text('province_code'),
    regencyCode: text('regency_code'),
    answers: jsonb('answers').$type<Record<string, SurveyAnswerValue>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The conversation's start time identifies one run of a survey by one contact: retried jobs update it.
    uniqueIndex('survey_responses_run_key').on(table.surveyId, table.contactId, table.startedAt),
    index('survey_responses_survey_idx').on(table.surveyId, table.startedAt),
    index('survey_responses_campaign_idx').on(table.campaignId),
  ],
);

export type SurveyResponseRow = typeof surveyResponses.$inferSelect;
