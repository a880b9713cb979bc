import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { ContactRow } from '../db/schema/contacts.js';
import type { SurveyAnswerValue } from '../db/schema/survey-responses.js';
import { newContactPseudonym } from '../pipeline/contact-pseudonym.js';
import { redactMessageContent } from '../retention/redact-message-content.js';
import { ERASED_ADDRESS } from './find-contacts.js';
import { tableExists } from './rotate-pii-keys.js';

/** The free-text questions of a survey, or null when the survey is unknown (then every text answer goes). */
export type FreeTextAnswers = (surveyId: string) => ReadonlySet<string> | null;

export interface ErasedRecords {
  contactId: string;
  messages: number;
  reports: number;
  deadLetters: number;
  surveyResponses: number;
  storedMedia: number;
  /** Media files whose last reference this was: the caller deletes them from the media store. */
  mediaFiles: string[];
  /** The contact's message ids and lookup hash as they were, to find its jobs in Redis. */
  messageIds: string[];
  addressHash: string;
}

/**
 * Removes, in one transaction, the number and the citizen's words from every table, keeping what the
 * indicators and the forum's records need: reports keep category, region codes, dates, stages and
 * follow-ups; messages keep direction, channel, status and dates; the contact row keeps its id (reports
 * point to it) but loses its number, lookup hash and pseudonym. The audit entry records counts only.
 */
export async function eraseContactRecords(
  db: Db,
  contact: ContactRow,
  /** The contact's number, opened by the caller; null when it was erased before. */
  number: string | null,
  freeText: FreeTextAnswers,
  actor: string,
  now: Date,
): Promise<ErasedRecords> {
  return db.transaction(async (tx) => {
    // A message of this contact being stored right now waits here, or is erased with the rest.
    const locked = await tx.execute<{ address_hash: string }>(
      sql`select address_hash from contacts where id = ${contact.id} for update`,
    );
    const addressHash = locked.rows[0]?.address_hash ?? contact.addressHash;
    const messageIds = (
      await tx.execute<{ id: string }>(sql`select id from messages where contact_id = ${contact.id}`)
    ).rows.map((row) => row.id);

    const deadLetters = await tx.execute(
      sql`delete from dead_letters where job ->> 'fromHash' = ${addressHash}`,
    );

    const content = await redactMessageContent(tx, messageIds, now);
    // Nothing more is sent to this person: replies still waiting fail as erased.
    await tx.execute(
      sql`update messages set template = null,
            status = case when direction = 'outbound' and status in ('queued', 'sending', 'held')
                          then 'failed' else status end,
            error_code = case when direction = 'outbound' and status in ('queued', 'sending', 'held')
                              then 'erased' else error_code end,
            updated_at = ${now}
          where contact_id = ${contact.id}`,
    );
    const reports = await tx.execute(
      sql`update reports set texts = '[]'::jsonb, location_text = null, media = '[]'::jsonb,
            classifier_evidence = null, updated_at = ${now}
          where contact_id = ${contact.id}`,
    );
    // Masked messages staff sent the citizen: the text goes, the fact that a message was sent stays.
    await tx.execute(
      sql`update report_events e set data = e.data - 'text' from reports r
          where r.id = e.report_id and r.contact_id = ${contact.id} and e.data ? 'text'`,
    );
    await tx.execute(sql`update conversation_events set data = '{}'::jsonb where contact_id = ${contact.id}`);
    await tx.execute(sql`delete from sessions where contact_id = ${contact.id}`);

    const responses = await tx.execute<{
      id: string;
      survey_id: string;
      answers: Record<string, SurveyAnswerValue>;
    }>(sql`select id, survey_id, answers from survey_responses where contact_id = ${contact.id}`);
    for (const response of responses.rows) {
      const texts = freeText(response.survey_id);
      const kept = Object.fromEntries(
        Object.entries(response.answers).map(([name, value]) => [
          name,
          typeof value === 'string' && (texts === null || texts.has(name)) ? null : value,
        ]),
      );
      await tx.execute(
        sql`update survey_responses set answers = ${JSON.stringify(kept)}::jsonb, updated_at = ${now}
            where id = ${response.id}`,
      );
    }

    // The linked WhatsApp Web number keeps a Signal session per correspondent, named by their number.
    const digits = number?.replace(/\D/g, '') ?? '';
    if (digits.length >= 8 && (await tableExists(tx, 'whatsapp_web_auth'))) {
      await tx.execute(
        sql`delete from whatsapp_web_auth where key <> 'creds' and key ~ ${`(^|[^0-9])${digits}([^0-9]|$)`}`,
      );
    }

    await tx.execute(
      sql`update contacts set address_enc = ${ERASED_ADDRESS}, address_hash = ${`erased-${contact.id}`},
            pseudonym = ${newContactPseudonym()}, opted_out = true, opted_out_at = coalesce(opted_out_at, ${now})
          where id = ${contact.id}`,
    );
    const erased = {
      contactId: contact.id,
      messages: messageIds.length,
      reports: reports.rowCount ?? 0,
      deadLetters: deadLetters.rowCount ?? 0,
      surveyResponses: responses.rows.length,
      storedMedia: content.storedMedia,
    };
    await appendAudit(tx, {
      actorUserId: null,
      actor,
      action: 'privacy.erase',
      subjectType: 'contact',
      subjectId: contact.id,
      after: erased,
      at: now,
    });
    return { ...erased, mediaFiles: content.mediaFiles, messageIds, addressHash };
  });
}
