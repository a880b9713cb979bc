import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { MediaStore } from '../media/media-store.js';
import { redactMessageContent } from './redact-message-content.js';
import { type RetentionPolicy, retentionCutoffs } from './retention-policy.js';

export interface RetentionResult {
  /** Closed reports whose texts, place description and media were (or would be) removed. */
  closedReports: number;
  /** Messages of those reports' conversations and threads. */
  closedReportMessages: number;
  /** Messages of conversations that never became a report. */
  abandonedMessages: number;
  /** Conversation states (sessions) left idle that long. */
  abandonedSessions: number;
  storedMedia: number;
  mediaFilesDeleted: number;
  /** Another process held the retention lock: it is doing this work. */
  skipped: boolean;
}

export interface RetentionOptions {
  dryRun?: boolean;
  batchSize?: number;
}

// One runner at a time across every worker process; the others skip a batch they cannot lock.
const LOCK = sql`pg_try_advisory_xact_lock(hashtext('privacy_retention'))`;

/** Messages that belong to a report: its conversation up to the message that filed it, its thread, their replies. */
const belongsToReport = (m: string) =>
  sql.raw(`(${m}.report_id is not null
    or exists (select 1 from messages p where p.id = ${m}.in_reply_to and p.report_id is not null)
    or exists (
      select 1 from reports r join messages s on s.id = r.source_message_id
      where r.contact_id = ${m}.contact_id
        and coalesce((select q.created_at from messages q where q.id = ${m}.in_reply_to), ${m}.created_at)
            between r.conversation_started_at and s.created_at))`);

const hasContent = sql`(texts <> '[]'::jsonb or location_text is not null or media <> '[]'::jsonb
  or classifier_evidence is not null)`;

/**
 * The retention rule, run daily by the workers (and by `suara privacy retention`): the citizen's words
 * and media go from reports closed more than `closedReportDays` ago and from conversations that never
 * became a report after `abandonedDays`. What the indicators count stays: category, region codes,
 * dates, stages, follow-ups, message counts and statuses. Idempotent, in short batches.
 */
export async function applyRetention(
  db: Db,
  mediaStore: MediaStore | null,
  policy: RetentionPolicy,
  now: Date,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const { closedBefore, abandonedBefore } = retentionCutoffs(policy, now);
  const batchSize = options.batchSize ?? 200;
  const result: RetentionResult = {
    closedReports: 0,
    closedReportMessages: 0,
    abandonedMessages: 0,
    abandonedSessions: 0,
    storedMedia: 0,
    mediaFilesDeleted: 0,
    skipped: false,
  };
  const closedFilter = sql`status = 'closed' and closed_at < ${closedBefore} and ${hasContent}`;
  const abandonedFilter = sql`m.created_at < ${abandonedBefore}
    and (m.body <> '' or m.media <> '[]'::jsonb) and not ${belongsToReport('m')}`;

  if (options.dryRun) {
    const counts = await db.execute<{
      reports: string;
      messages: string;
      abandoned: string;
      sessions: string;
    }>(
      sql`select
        (select count(*) from reports where ${closedFilter}) as reports,
        (select count(*) from messages m where (m.body <> '' or m.media <> '[]'::jsonb) and ${reportMessages(
          sql`select id from reports where ${closedFilter}`,
        )}) as messages,
        (select count(*) from messages m where ${abandonedFilter}) as abandoned,
        (select count(*) from sessions where updated_at < ${abandonedBefore}) as sessions`,
    );
    const row = counts.rows[0];
    result.closedReports = Number(row?.reports ?? 0);
    result.closedReportMessages = Number(row?.messages ?? 0);
    result.abandonedMessages = Number(row?.abandoned ?? 0);
    result.abandonedSessions = Number(row?.sessions ?? 0);
    return result;
  }

  const files: string[] = [];
  // Closed reports, a batch at a time: their messages first, then the report's own copy of the words.
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const locked = await tx.execute<{ locked: boolean }>(sql`select ${LOCK} as locked`);
      if (locked.rows[0]?.locked !== true) return null;
      const reports = await tx.execute<{ id: string }>(
        sql`select id from reports where ${closedFilter} order by closed_at limit ${batchSize} for update skip locked`,
      );
      if (reports.rows.length === 0) return 0;
      const ids = sql`${`{${reports.rows.map((r) => r.id).join(',')}}`}::uuid[]`;
      const messages = await tx.execute<{ id: string }>(
        sql`select m.id from messages m where ${reportMessages(sql`select unnest(${ids})`)}`,
      );
      const redacted = await redactMessageContent(
        tx,
        messages.rows.map((m) => m.id),
        now,
      );
      await tx.execute(
        sql`update reports set texts = '[]'::jsonb, location_text = null, media = '[]'::jsonb,
              classifier_evidence = null, updated_at = ${now} where id = any(${ids})`,
      );
      await tx.execute(
        sql`update report_events set data = data - 'text' where report_id = any(${ids}) and data ? 'text'`,
      );
      result.closedReports += reports.rows.length;
      result.closedReportMessages += redacted.messages;
      result.storedMedia += redacted.storedMedia;
      files.push(...redacted.mediaFiles);
      return reports.rows.length;
    });
    if (batch === null) return { ...result, skipped: true };
    if (batch < batchSize) break;
  }

  // Conversations that never became a report.
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const locked = await tx.execute<{ locked: boolean }>(sql`select ${LOCK} as locked`);
      if (locked.rows[0]?.locked !== true) return null;
      const messages = await tx.execute<{ id: string }>(
        sql`select m.id from messages m where ${abandonedFilter} order by m.created_at limit ${batchSize}`,
      );
      const redacted = await redactMessageContent(
        tx,
        messages.rows.map((m) => m.id),
        now,
      );
      result.abandonedMessages += redacted.messages;
      result.storedMedia += redacted.storedMedia;
      files.push(...redacted.mediaFiles);
      return messages.rows.length;
    });
    if (batch === null) return { ...result, skipped: true };
    if (batch < batchSize) break;
  }
  const sessions = await db.execute(sql`delete from sessions where updated_at < ${abandonedBefore}`);
  result.abandonedSessions = sessions.rowCount ?? 0;

  if (mediaStore) {
    for (const sha256 of new Set(files)) {
      if (await mediaStore.delete(sha256)) result.mediaFilesDeleted += 1;
    }
  }
  return result;
}

/** `m` (a messages row) belongs to one of the given reports: conversation, thread, or a reply to either. */
function reportMessages(reportIds: ReturnType<typeof sql>) {
  return sql`(m.report_id in (${reportIds})
    or exists (select 1 from messages p where p.id = m.in_reply_to and p.report_id in (${reportIds}))
    or exists (
      select 1 from reports r join messages s on s.id = r.source_message_id
      where r.id in (${reportIds}) and r.contact_id = m.contact_id
        and coalesce((select q.created_at from messages q where q.id = m.in_reply_to), m.created_at)
            between r.conversation_started_at and s.created_at))`;
}
