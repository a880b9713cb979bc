import { and, eq, sql } from 'drizzle-orm';
import type { Category } from '../classifier/classification.js';
import type { ReportDraft } from '../conversation/engine/effects.js';
import type { DbExecutor } from '../db/database.js';
import { type ReportRow, reports } from '../db/schema/reports.js';
import {
  generateReferenceCode,
  generateUniqueReferenceCode,
  normalizeReferenceCode,
} from './reference-code.js';

/** The reference code to offer for this message: the one already stored if a previous attempt made a report. */
export async function referenceCodeFor(
  db: DbExecutor,
  sourceMessageId: string,
  candidate: string = generateReferenceCode(),
): Promise<string> {
  // The common case in one round trip: no report yet for this message, and the candidate is free.
  const result = await db.execute<{ existing: string | null; clash: boolean }>(sql`
    select (select reference_code from reports where source_message_id = ${sourceMessageId}) as existing,
           exists (select 1 from reports where reference_code = ${candidate}) as clash`);
  const row = result.rows[0];
  if (row?.existing) return row.existing;
  if (row && !row.clash) return candidate;
  return generateUniqueReferenceCode(async (code) => {
    const [clash] = await db.select({ id: reports.id }).from(reports).where(eq(reports.referenceCode, code));
    return Boolean(clash);
  });
}

/** Stores a report once per source message; a retried job's second insert is a no-op. */
export async function insertReport(
  db: DbExecutor,
  draft: ReportDraft,
  contactId: string,
  sourceMessageId: string,
  extra: { simulated: boolean; due: { dueAt: Date; dueKind: 'triage' | 'follow_up' | 'closure' } | null } = {
    simulated: false,
    due: null,
  },
): Promise<boolean> {
  const { classifier, citizenChoice } = draft.provenance;
  const categorySource = !citizenChoice
    ? 'classifier'
    : classifier?.category === citizenChoice
      ? 'both'
      : 'citizen';
  const inserted = await db
    .insert(reports)
    .values({
      referenceCode: draft.referenceCode,
      contactId,
      sourceMessageId,
      channel: draft.channel,
      flowId: draft.flowId,
      language: draft.language,
      category: draft.category,
      categorySource,
      classifierCategory: classifier?.category ?? null,
      classifierConfidence: classifier?.confidence ?? null,
      classifierEvidence: classifier?.evidence ?? null,
      citizenCategory: citizenChoice,
      texts: draft.texts,
      provinceCode: draft.location.provinceCode,
      regencyCode: draft.location.regencyCode,
      districtCode: draft.location.districtCode,
      villageCode: draft.location.villageCode,
      locationText: draft.location.rawText,
      media: draft.media.map((m) => ({ url: m.url, contentType: m.contentType })),
      citizenMessages: draft.citizenMessages,
      conversationStartedAt: new Date(draft.conversationStartedAt),
      createdAt: new Date(draft.createdAt),
      simulated: extra.simulated,
      dueAt: extra.due?.dueAt ?? null,
      dueKind: extra.due?.dueKind ?? null,
    })
    .onConflictDoNothing({ target: reports.sourceMessageId })
    .returning({ id: reports.id });
  return inserted.length > 0;
}

/**
 * The citizen chose the category of a report of theirs after getting its code: their choice becomes
 * the category, recorded as their decision (`citizen`, or `both` when it is the classifier's). A
 * category the secretariat already set is left alone. `dueFor` recomputes the service-level deadline
 * of the changed report, since deadlines may differ by category. Returns whether a report changed.
 */
export async function recordCitizenCategory(
  db: DbExecutor,
  referenceCode: string,
  contactId: string,
  category: Category,
  dueFor: (report: ReportRow) => { dueAt: Date; dueKind: 'triage' | 'follow_up' | 'closure' } | null,
): Promise<boolean> {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.referenceCode, referenceCode), eq(reports.contactId, contactId)));
  if (!row || row.categorySource === 'staff') return false;
  const due = dueFor({ ...row, category });
  await db
    .update(reports)
    .set({
      category,
      citizenCategory: category,
      categorySource: row.classifierCategory === category ? 'both' : 'citizen',
      ...(due ? { dueAt: due.dueAt, dueKind: due.dueKind } : {}),
    })
    .where(eq(reports.id, row.id));
  return true;
}

/** A report's status, only if the code (typed however the citizen typed it) is one of this contact's. */
export async function statusOfOwnReport(
  db: DbExecutor,
  rawCode: string,
  contactId: string,
): Promise<
  { found: false; code?: string } | { found: true; code: string; status: string; note: string | null }
> {
  const code = normalizeReferenceCode(rawCode);
  if (!code) return { found: false };
  const [row] = await db
    .select({ status: reports.status, note: reports.publicNote })
    .from(reports)
    .where(and(eq(reports.referenceCode, code), eq(reports.contactId, contactId)));
  return row ? { found: true, code, status: row.status, note: row.note } : { found: false, code };
}
