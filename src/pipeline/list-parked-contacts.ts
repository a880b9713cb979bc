import { asc, isNotNull } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';

export interface ParkedContact {
  pseudonym: string;
  channel: string;
  reason: string | null;
  /** Messages stored without an answer since the contact was parked. */
  unanswered: number;
  since: Date;
  last: Date | null;
}

/** Contacts whose messages are stored but not answered (flood limits), longest parked first. */
export async function listParkedContacts(db: DbExecutor): Promise<ParkedContact[]> {
  const rows = await db
    .select({
      pseudonym: contacts.pseudonym,
      channel: contacts.channel,
      reason: contacts.parkedReason,
      unanswered: contacts.parkedMessages,
      since: contacts.parkedAt,
      last: contacts.lastParkedAt,
    })
    .from(contacts)
    .where(isNotNull(contacts.parkedAt))
    .orderBy(asc(contacts.parkedAt));
  return rows.flatMap((row) => (row.since ? [{ ...row, since: row.since }] : []));
}
