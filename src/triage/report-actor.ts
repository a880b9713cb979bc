import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append-audit.js';
import { provinceScope, type Staff } from '../auth/staff.js';
import type { Provider } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import type { ReportEventType } from '../db/schema/report-events.js';
import { reportEvents } from '../db/schema/report-events.js';
import { type ReportRow, reports } from '../db/schema/reports.js';
import type { PlaceDirectory } from '../geo/place-directory.js';
import { enqueueReplies } from '../pipeline/enqueue-replies.js';
import type { OutboundProducer } from '../pipeline/outbound-producer.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import {
  type CitizenMessageKind,
  type Delivery,
  type NotifierOptions,
  storeCitizenMessage,
} from './citizen-notifier.js';
import { nextDeadline } from './next-deadline.js';
import { findScopedReport } from './report-detail-repository.js';
import type { ServiceLevels } from './service-levels-schema.js';

export interface TriageDeps {
  db: Db;
  outbound: OutboundProducer;
  notifier: NotifierOptions;
  serviceLevels: ServiceLevels;
  places: PlaceDirectory;
  cipher: PiiCipher;
  maskedReplyWindowDays: number;
  clock: () => Date;
}

export type TriageFailure = { ok: false; status: 400 | 404 | 409; message: string };
export type TriageResult<T> = { ok: true; value: T } | TriageFailure;

export const notFound: TriageFailure = { ok: false, status: 404, message: 'No such report.' };
export const refuse = (message: string, status: 400 | 409 = 409): TriageFailure => ({
  ok: false,
  status,
  message,
});

/** What one action decided: the report columns to change, the history entry, and the audit before/after. */
export interface ActionOutcome<T> {
  ok: true;
  value: T;
  changes?: Partial<ReportRow>;
  event: { type: ReportEventType; data: Record<string, unknown> };
  before?: unknown;
  after?: unknown;
}

/** Inside an action: the locked report, the time, and a way to message the citizen after commit. */
export interface ActionScope {
  tx: Parameters<Parameters<Db['transaction']>[0]>[0];
  report: ReportRow;
  now: Date;
  message(kind: CitizenMessageKind, vars: Record<string, string>): Promise<Delivery>;
}

/**
 * Runs one staff action on one report in a transaction: the report is locked (and must be in the
 * staff member's provinces, else 404), the action's changes, the next service-level deadline, the
 * history entry and the audit entry commit together; messages to the citizen are queued after commit.
 */
export function createReportActor(deps: TriageDeps) {
  return async function act<T>(
    staff: Staff,
    code: string,
    ip: string | null,
    action: string,
    run: (scope: ActionScope) => Promise<ActionOutcome<T> | TriageFailure>,
  ): Promise<TriageResult<T>> {
    const toSend: { provider: Provider; id: string }[] = [];
    const result = await deps.db.transaction(async (tx) => {
      const report = await findScopedReport(tx, provinceScope(staff), code, { forUpdate: true });
      if (!report) return notFound;
      const now = deps.clock();
      const scope: ActionScope = {
        tx,
        report,
        now,
        async message(kind, vars) {
          const delivery = await storeCitizenMessage(tx, deps.notifier, report, kind, vars, now);
          if (delivery.state === 'queued')
            toSend.push({ provider: delivery.provider as Provider, id: delivery.messageId });
          return delivery;
        },
      };
      const outcome = await run(scope);
      if (!outcome.ok) return outcome;
      const updated = { ...report, ...outcome.changes };
      const due = nextDeadline(updated, deps.serviceLevels);
      await tx
        .update(reports)
        .set({ ...outcome.changes, dueAt: due?.dueAt ?? null, dueKind: due?.dueKind ?? null, updatedAt: now })
        .where(eq(reports.id, report.id));
      await tx.insert(reportEvents).values({
        reportId: report.id,
        actorUserId: staff.userId,
        type: outcome.event.type,
        data: outcome.event.data,
        createdAt: now,
      });
      await appendAudit(tx, {
        actorUserId: staff.userId,
        actor: staff.email,
        action,
        subjectType: 'report',
        subjectId: report.referenceCode,
        before: outcome.before ?? null,
        after: outcome.after ?? outcome.event.data,
        ip,
        at: now,
      });
      return { ok: true as const, value: outcome.value };
    });
    // After commit: a message that misses its job here (Redis down, a crash) is queued by the outbox sweeper.
    for (const item of toSend) {
      await enqueueReplies(deps.db, deps.outbound, item.provider, [item.id]).catch(() => {});
    }
    return result;
  };
}

export type ReportActor = ReturnType<typeof createReportActor>;
