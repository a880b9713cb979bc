import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { type DeadLetterRow, deadLetters } from '../db/schema/dead-letters.js';
import type { InboundJob } from './inbound-job.js';

export interface NewDeadLetter {
  queue: string;
  jobId: string;
  job: InboundJob;
  error: string;
  failures: number;
}

/** A dead letter as an admin sees it: the contact by pseudonym (when it was stored), never by number. */
export interface DeadLetterListing extends Omit<DeadLetterRow, 'job'> {
  pseudonym: string | null;
  job: InboundJob;
}

export function createDeadLetterRepository(db: DbExecutor) {
  return {
    /** Records a message set aside; a message dead-lettered again updates its row. Returns its id. */
    async record(letter: NewDeadLetter): Promise<string> {
      const now = new Date();
      const [row] = await db
        .insert(deadLetters)
        .values({
          queue: letter.queue,
          jobId: letter.jobId,
          provider: letter.job.provider,
          channel: letter.job.channel,
          providerMessageId: letter.job.providerMessageId,
          job: letter.job,
          error: letter.error,
          failures: letter.failures,
          firstFailedAt: now,
          lastFailedAt: now,
        })
        .onConflictDoUpdate({
          target: [deadLetters.provider, deadLetters.providerMessageId],
          set: {
            queue: letter.queue,
            jobId: letter.jobId,
            job: letter.job,
            error: letter.error,
            failures: sql`${deadLetters.failures} + excluded.failures`,
            lastFailedAt: now,
          },
        })
        .returning({ id: deadLetters.id });
      if (!row) throw new Error('dead letter insert returned nothing');
      return row.id;
    },

    async list(id?: string): Promise<DeadLetterListing[]> {
      return db
        .select({
          id: deadLetters.id,
          queue: deadLetters.queue,
          jobId: deadLetters.jobId,
          provider: deadLetters.provider,
          channel: deadLetters.channel,
          providerMessageId: deadLetters.providerMessageId,
          job: deadLetters.job,
          error: deadLetters.error,
          failures: deadLetters.failures,
          firstFailedAt: deadLetters.firstFailedAt,
          lastFailedAt: deadLetters.lastFailedAt,
          pseudonym: contacts.pseudonym,
        })
        .from(deadLetters)
        .leftJoin(
          contacts,
          and(
            eq(contacts.channel, deadLetters.channel),
            eq(contacts.addressHash, sql`${deadLetters.job}->>'fromHash'`),
          ),
        )
        .where(id === undefined ? undefined : eq(deadLetters.id, id))
        .orderBy(asc(deadLetters.firstFailedAt));
    },

    /**
     * Removes a replayed letter as it was read: if the replay already failed again and updated the row
     * (`lastFailedAt` moved on), the row stays. False when nothing was removed.
     */
    async remove(id: string, lastFailedAt: Date): Promise<boolean> {
      const removed = await db
        .delete(deadLetters)
        .where(and(eq(deadLetters.id, id), eq(deadLetters.lastFailedAt, lastFailedAt)))
        .returning({ id: deadLetters.id });
      return removed.length > 0;
    },
  };
}

export type DeadLetterRepository = ReturnType<typeof createDeadLetterRepository>;
