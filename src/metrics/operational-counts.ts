import { count, isNotNull } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { deadLetters } from '../db/schema/dead-letters.js';

export interface OperationalCounts {
  parkedContacts: number;
  deadLetters: number;
}

/** Rows an operator watches: parked contacts (a partial index) and dead letters (a small table). */
export async function readOperationalCounts(db: DbExecutor): Promise<OperationalCounts> {
  const [[parked], [dead]] = await Promise.all([
    db.select({ n: count() }).from(contacts).where(isNotNull(contacts.parkedAt)),
    db.select({ n: count() }).from(deadLetters),
  ]);
  return { parkedContacts: parked?.n ?? 0, deadLetters: dead?.n ?? 0 };
}
