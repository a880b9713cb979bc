import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { deadLetters } from '../db/schema/dead-letters.js';
import { messages } from '../db/schema/messages.js';

export interface OperationalCounts {
  parkedContacts: number;
  deadLetters: number;
  /** Replies that may or may not have reached the citizen (the provider could not say): staff check. */
  unconfirmedReplies: number;
}

/** Rows an operator watches: parked contacts and unconfirmed replies (partial indexes), dead letters (a small table). */
export async function readOperationalCounts(db: DbExecutor): Promise<OperationalCounts> {
  const [[parked], [dead], [unconfirmed]] = await Promise.all([
    db.select({ n: count() }).from(contacts).where(isNotNull(contacts.parkedAt)),
    db.select({ n: count() }).from(deadLetters),
    db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.direction, 'outbound'), eq(messages.status, 'unconfirmed'))),
  ]);
  return {
    parkedContacts: parked?.n ?? 0,
    deadLetters: dead?.n ?? 0,
    unconfirmedReplies: unconfirmed?.n ?? 0,
  };
}
