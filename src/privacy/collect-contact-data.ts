import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { ContactRow } from '../db/schema/contacts.js';
import type { InboundJob } from '../pipeline/inbound-job.js';
import { unsealInbound } from '../pipeline/inbound-job.js';
import { ERASED_ADDRESS } from './find-contacts.js';
import type { PiiCipher } from './pii-cipher.js';
import { tableExists } from './rotate-pii-keys.js';

export type Row = Record<string, unknown>;

/** Everything Suara holds about one contact, the number opened: the answer to a subject access request. */
export interface ContactData {
  contact: Row & { number: string | null };
  consent: Row | null;
  session: Row | null;
  reports: Row[];
  reportEvents: Row[];
  messages: Row[];
  conversationEvents: Row[];
  surveyResponses: Row[];
  campaignInvitations: Row[];
  deadLetters: Row[];
  storedMedia: Row[];
  placeHints: Row[];
}

async function rows(db: Db, query: SQL): Promise<Row[]> {
  const result = await db.execute<{ row: Row }>(query);
  return result.rows.map((r) => r.row);
}

/**
 * Reads every table that refers to the contact, whole rows as JSON (so columns added later are
 * included without changing this), the sealed number and dead letters opened.
 */
export async function collectContactData(
  db: Db,
  cipher: PiiCipher,
  contact: ContactRow,
): Promise<ContactData> {
  const id = contact.id;
  const { addressEnc, addressHash: _hash, ...rest } = contact;
  const number = addressEnc === ERASED_ADDRESS ? null : cipher.decrypt(addressEnc);
  const ofContact = (table: string, order: string) =>
    rows(
      db,
      sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where t.contact_id = ${id}
          order by ${sql.raw(order)}`,
    );
  const [consent] = await ofContact('contact_consents', 't.contact_id');
  const [session] = await ofContact('sessions', 't.contact_id');
  const reports = await rows(
    db,
    sql`select to_jsonb(t) - 'search' as row from reports t where t.contact_id = ${id} order by t.created_at`,
  );
  const reportEvents = await rows(
    db,
    sql`select to_jsonb(e) as row from report_events e join reports r on r.id = e.report_id
        where r.contact_id = ${id} order by e.created_at`,
  );
  const messages = await ofContact('messages', 't.created_at');
  const deadLetters = (
    await db.execute<{ id: string; job: InboundJob; failures: number; first: string; last: string }>(
      sql`select id, job, failures, first_failed_at as first, last_failed_at as last from dead_letters
          where job ->> 'fromHash' = ${contact.addressHash} order by first_failed_at`,
    )
  ).rows.map((letter) => {
    let message: Row | null = null;
    try {
      const opened = unsealInbound(letter.job, cipher);
      message = { body: opened.body, media: opened.media };
    } catch {
      message = null;
    }
    return {
      id: letter.id,
      failures: letter.failures,
      firstFailedAt: letter.first,
      lastFailedAt: letter.last,
      receivedAt: letter.job.receivedAt,
      message,
    };
  });
  const media = (await tableExists(db, 'stored_media'))
    ? await rows(
        db,
        sql`select to_jsonb(s) as row from stored_media s join messages m on m.id = s.message_id
            where m.contact_id = ${id} order by s.created_at`,
      )
    : [];
  const hints = (await tableExists(db, 'place_hints'))
    ? await rows(
        db,
        sql`select to_jsonb(p) as row from place_hints p join messages m on m.id = p.message_id
            where m.contact_id = ${id} order by p.created_at`,
      )
    : [];
  return {
    contact: { ...rest, number },
    consent: consent ?? null,
    session: session ?? null,
    reports,
    reportEvents,
    messages,
    conversationEvents: await ofContact('conversation_events', 't.created_at'),
    surveyResponses: await ofContact('survey_responses', 't.started_at'),
    campaignInvitations: await ofContact('campaign_recipients', 't.invited_at nulls last'),
    deadLetters,
    storedMedia: media,
    placeHints: hints,
  };
}
