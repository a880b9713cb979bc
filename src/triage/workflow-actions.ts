import { and, eq, isNull } from 'drizzle-orm';
import { provinceScope, type Staff } from '../auth/staff.js';
import type { Category } from '../classifier/classification.js';
import type { Language } from '../conversation/flows/flow-schema.js';
import { reports } from '../db/schema/reports.js';
import { users } from '../db/schema/users.js';
import { type ReportActor, refuse, type TriageDeps } from './report-actor.js';
import { countFollowUps, findScopedReport } from './report-detail-repository.js';
import { checkStatusMove, notificationFor, type StatusChange } from './report-workflow.js';

export interface StatusInput extends StatusChange {
  publicNote?: string | undefined;
}

/** Status moves, category, place, duplicates and assignment. */
export function createWorkflowActions(deps: TriageDeps, act: ReportActor) {
  return {
    changeStatus(staff: Staff, code: string, input: StatusInput, ip: string | null) {
      return act(staff, code, ip, 'report.status', async ({ tx, report, now, message }) => {
        const check = checkStatusMove(report.status, input, await countFollowUps(tx, report.id));
        if (!check.ok) return refuse(check.message);
        const to = input.status;
        const publicNote = input.publicNote?.trim() || null;
        const changes = {
          status: to,
          rejectionReason: to === 'rejected' ? (input.reason ?? null) : null,
          outcome: to === 'closed' ? (input.outcome ?? null) : null,
          closedAt: to === 'closed' ? now : null,
          triagedAt: report.triagedAt ?? (report.status === 'new' ? now : null),
          validatedAt: report.validatedAt ?? (to === 'validated' ? now : null),
          ...(publicNote ? { publicNote } : {}),
        };
        const kind = notificationFor(to);
        let notification: string | null = null;
        if (kind) {
          const flows = deps.notifier.flows();
          const language: Language = report.language === 'en' ? 'en' : 'id';
          const outcome = input.outcome
            ? (flows.keywords.outcome_labels[input.outcome]?.[language] ?? input.outcome)
            : '';
          const delivery = await message(kind, { note: publicNote ?? '', outcome });
          notification = delivery.state === 'skipped' ? `skipped: ${delivery.reason}` : delivery.state;
        }
        return {
          ok: true,
          value: { status: to },
          changes,
          event: {
            type: 'status',
            data: {
              from: report.status,
              to,
              reason: input.reason ?? null,
              outcome: input.outcome ?? null,
              publicNote,
              notification,
            },
          },
          before: { status: report.status },
        };
      });
    },

    changeCategory(staff: Staff, code: string, category: Category, ip: string | null) {
      return act(staff, code, ip, 'report.category', async ({ report }) => {
        if (report.category === category && report.categorySource === 'staff')
          return refuse(`The category is already ${category}.`);
        return {
          ok: true,
          value: { category },
          // The classifier's guess and the citizen's choice stay in their own columns: the staff decision
          // becomes the category, and a labelled example for training.
          changes: { category, categorySource: 'staff' },
          event: { type: 'category', data: { from: report.category, to: category } },
          before: { category: report.category, source: report.categorySource },
        };
      });
    },

    correctPlace(staff: Staff, code: string, placeCode: string, ip: string | null) {
      const place = deps.places.byCode(placeCode);
      return act(staff, code, ip, 'report.place', async ({ report }) => {
        if (!place) return refuse(`Unknown region code ${placeCode}; search the gazetteer for one.`, 400);
        const scope = provinceScope(staff);
        if (scope && !scope.includes(place.provinceCode))
          return refuse(
            'You can place reports only in your own provinces; ask an admin to move it elsewhere.',
            400,
          );
        const changes = {
          provinceCode: place.provinceCode,
          regencyCode: place.regencyCode,
          districtCode: place.districtCode,
          villageCode: place.villageCode,
        };
        return {
          ok: true,
          value: { place: place.label },
          changes,
          event: { type: 'place', data: { to: place.code, label: place.label } },
          before: {
            provinceCode: report.provinceCode,
            regencyCode: report.regencyCode,
            districtCode: report.districtCode,
            villageCode: report.villageCode,
          },
          after: changes,
        };
      });
    },

    markDuplicate(staff: Staff, code: string, originalCode: string | null, ip: string | null) {
      return act<{ duplicateOf: string | null }>(
        staff,
        code,
        ip,
        'report.duplicate',
        async ({ tx, report }) => {
          if (originalCode === null) {
            if (!report.duplicateOfId) return refuse('The report is not marked as a duplicate.');
            return {
              ok: true,
              value: { duplicateOf: null },
              changes: { duplicateOfId: null },
              event: { type: 'duplicate', data: { of: null } },
            };
          }
          let original = await findScopedReport(tx, provinceScope(staff), originalCode);
          if (!original) return refuse(`No report ${originalCode} in your provinces.`, 400);
          // Groups stay flat: a duplicate of a duplicate points at the first report.
          if (original.duplicateOfId) {
            const [root] = await tx.select().from(reports).where(eq(reports.id, original.duplicateOfId));
            if (root) original = root;
          }
          if (original.id === report.id) return refuse('A report cannot duplicate itself.', 400);
          const [hasOwn] = await tx
            .select({ id: reports.id })
            .from(reports)
            .where(eq(reports.duplicateOfId, report.id))
            .limit(1);
          if (hasOwn) return refuse('Other reports point at this one as their original; unlink them first.');
          return {
            ok: true,
            value: { duplicateOf: original.referenceCode },
            changes: { duplicateOfId: original.id },
            event: { type: 'duplicate', data: { of: original.referenceCode } },
          };
        },
      );
    },

    assign(staff: Staff, code: string, assigneeId: string | null, ip: string | null) {
      return act(staff, code, ip, 'report.assignee', async ({ tx, report }) => {
        let name: string | null = null;
        if (assigneeId) {
          const [user] = await tx
            .select()
            .from(users)
            .where(and(eq(users.id, assigneeId), isNull(users.disabledAt)));
          const reaches =
            user &&
            (user.role === 'admin' ||
              (user.role === 'secretariat' && user.provinces.includes(report.provinceCode ?? '')));
          if (!user || !reaches)
            return refuse('Assign only to an active secretariat member of this province.', 400);
          name = user.name;
        }
        return {
          ok: true,
          value: { assignee: name },
          changes: { assigneeId },
          event: { type: 'assignee', data: { to: assigneeId, name } },
          before: { assigneeId: report.assigneeId },
        };
      });
    },
  };
}
