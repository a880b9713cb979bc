import { and, asc, count, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { ProvinceScope } from '../auth/staff.js';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { followUps } from '../db/schema/follow-ups.js';
import { messages } from '../db/schema/messages.js';
import { reportEvents } from '../db/schema/report-events.js';
import { type ReportRow, reports } from '../db/schema/reports.js';
import { users } from '../db/schema/users.js';
import { normalizeReferenceCode } from '../reports/reference-code.js';

/** Scope as SQL: a report without a province is visible to admins only (they place it). */
export function inScope(scope: ProvinceScope): SQL | undefined {
  if (!scope) return undefined;
  return scope.length ? inArray(reports.provinceCode, [...scope]) : sql`false`;
}

/** The report, if it exists and lies in the scope; otherwise null (callers answer 404 either way). */
export async function findScopedReport(
  db: DbExecutor,
  scope: ProvinceScope,
  rawCode: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReportRow | null> {
  const code = normalizeReferenceCode(rawCode);
  if (!code) return null;
  const query = db
    .select()
    .from(reports)
    .where(and(eq(reports.referenceCode, code), inScope(scope)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Everything the report page shows besides the report row itself. */
export async function loadReportContext(db: DbExecutor, report: ReportRow) {
  const conversationInbound = db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.contactId, report.contactId),
        eq(messages.direction, 'inbound'),
        // The engine's conversation clock starts a moment after the first message was received.
        sql`${messages.createdAt} between ${report.conversationStartedAt}::timestamptz - interval '2 minutes' and ${report.createdAt}`,
      ),
    );
  const [thread, follow, history, contact, others, duplicates, original] = await Promise.all([
    db
      .select({
        id: messages.id,
        direction: messages.direction,
        body: messages.body,
        media: messages.media,
        status: messages.status,
        errorCode: messages.errorCode,
        createdAt: messages.createdAt,
        reportId: messages.reportId,
      })
      .from(messages)
      .where(
        or(
          eq(messages.reportId, report.id),
          // `= any(array(…))` lets each branch use its index; `in (subquery)` under OR scans every message.
          sql`${messages.id} = any(array(${conversationInbound}))`,
          sql`${messages.inReplyTo} = any(array(${conversationInbound}))`,
        ),
      )
      .orderBy(asc(messages.createdAt)),
    db
      .select({ followUp: followUps, author: users.name })
      .from(followUps)
      .innerJoin(users, eq(followUps.createdBy, users.id))
      .where(eq(followUps.reportId, report.id))
      .orderBy(asc(followUps.actionDate), asc(followUps.createdAt)),
    db
      .select({ event: reportEvents, actor: users.name })
      .from(reportEvents)
      .leftJoin(users, eq(reportEvents.actorUserId, users.id))
      .where(eq(reportEvents.reportId, report.id))
      .orderBy(asc(reportEvents.createdAt)),
    db
      .select({
        pseudonym: contacts.pseudonym,
        optedOut: contacts.optedOut,
        channel: contacts.channel,
        provider: contacts.provider,
      })
      .from(contacts)
      .where(eq(contacts.id, report.contactId)),
    db
      .select({ referenceCode: reports.referenceCode, provinceCode: reports.provinceCode })
      .from(reports)
      .where(and(eq(reports.contactId, report.contactId), ne(reports.id, report.id)))
      .orderBy(asc(reports.createdAt)),
    db
      .select({ referenceCode: reports.referenceCode })
      .from(reports)
      .where(eq(reports.duplicateOfId, report.id)),
    report.duplicateOfId
      ? db
          .select({ referenceCode: reports.referenceCode })
          .from(reports)
          .where(eq(reports.id, report.duplicateOfId))
      : Promise.resolve([]),
  ]);
  const assignee = report.assigneeId
    ? (await db.select({ name: users.name }).from(users).where(eq(users.id, report.assigneeId)))[0]
    : undefined;
  return {
    messages: thread,
    followUps: follow.map((row) => ({ ...row.followUp, author: row.author })),
    history: history.map((row) => ({ ...row.event, actor: row.actor })),
    contact: contact[0] ?? null,
    otherReports: others,
    duplicates: duplicates.map((row) => row.referenceCode),
    duplicateOf: original[0]?.referenceCode ?? null,
    assigneeName: assignee?.name ?? null,
  };
}

export type ReportContext = Awaited<ReturnType<typeof loadReportContext>>;

export async function countFollowUps(db: DbExecutor, reportId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(followUps).where(eq(followUps.reportId, reportId));
  return row?.n ?? 0;
}
