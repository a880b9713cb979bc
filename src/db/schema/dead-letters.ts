import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { InboundJob } from '../../pipeline/inbound-job.js';

/**
 * An inbound message that still failed after its quick retries: its job, exactly as it travelled
 * through Redis (number, words and media sealed by the PII key), kept for an admin to see and replay
 * (`suara dead-letters`). `error` is the job error as BullMQ would have stored it: no parameters, no
 * bodies, no numbers.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    queue: text('queue').notNull(),
    jobId: text('job_id').notNull(),
    provider: text('provider').notNull(),
    channel: text('channel').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    job: jsonb('job').$type<InboundJob>().notNull(),
    error: text('error').notNull(),
    /** How many times the message failed, counting every quick retry and every dead-lettering of it. */
    failures: integer('failures').notNull(),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true }).notNull().defaultNow(),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A message dead-lettered again (a replay that failed too) updates its row instead of adding one.
  (table) => [uniqueIndex('dead_letters_message_key').on(table.provider, table.providerMessageId)],
);

export type DeadLetterRow = typeof deadLetters.$inferSelect;
