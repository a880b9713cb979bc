import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Session } from '../conversation/engine/session.js';
import { languageSchema } from '../conversation/flows/flow-schema.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import { systemText } from '../conversation/flows/system-text.js';
import { matchKeyword } from '../conversation/text/match-keyword.js';
import type { DbExecutor } from '../db/database.js';
import { messages } from '../db/schema/messages.js';
import { reportEvents } from '../db/schema/report-events.js';
import { reports } from '../db/schema/reports.js';
import type { HandledContact, HandledMessage, Reply } from './conversation-handler.js';

/**
 * A message from a citizen whose report has an open masked-reply thread (staff wrote to them within
 * the window) joins that report's thread and is acknowledged — unless it is a keyword (STATUS, STOP,
 * LAPOR to start a new report, …) or the citizen is in the middle of a new conversation.
 */
export async function attachToOpenThread(
  tx: DbExecutor,
  flows: FlowSet,
  session: Session | null,
  message: HandledMessage,
  contact: HandledContact,
  now: Date,
  idleTimeoutMs: number,
): Promise<{ reportCode: string; replies: Reply[] } | null> {
  const midConversation =
    session?.conversation && now.getTime() - Date.parse(session.updatedAt) < idleTimeoutMs;
  if (midConversation) return null;
  if (message.body.trim() === '' && message.media.length === 0) return null;
  if (matchKeyword(flows.keywords, message.body)) return null;
  const [thread] = await tx
    .select({ id: reports.id, code: reports.referenceCode, language: reports.language })
    .from(reports)
    .where(and(eq(reports.contactId, contact.id), gt(reports.threadOpenUntil, now)))
    .orderBy(desc(reports.threadOpenUntil))
    .limit(1);
  if (!thread) return null;
  await tx.update(messages).set({ reportId: thread.id }).where(eq(messages.id, message.id));
  await tx.insert(reportEvents).values({
    reportId: thread.id,
    type: 'citizen_reply',
    data: { messageId: message.id },
    createdAt: sql`clock_timestamp()`,
  });
  const language = languageSchema.safeParse(contact.language ?? thread.language);
  const body = systemText(flows, language.success ? language.data : 'id', 'thread_reply_received', {
    code: thread.code,
  });
  return { reportCode: thread.code, replies: [{ body }] };
}
