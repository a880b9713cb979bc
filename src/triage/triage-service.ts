import { and, arrayOverlaps, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { provinceScope, type Staff } from '../auth/staff.js';
import { systemText } from '../conversation/flows/system-text.js';
import { users } from '../db/schema/users.js';
import { loadReportMedia } from '../media/report-media.js';
import { countSegments } from '../sms/count-segments.js';
import { createConversationActions } from './conversation-actions.js';
import type { InboxFilters } from './inbox-filters.js';
import { countInboxByStatus, type InboxContext, listInbox } from './inbox-repository.js';
import { createReportActor, type TriageDeps } from './report-actor.js';
import { findScopedReport, loadReportContext } from './report-detail-repository.js';
import { createWorkflowActions } from './workflow-actions.js';

export type TriageService = ReturnType<typeof createTriageService>;

/** The secretariat's work on reports: the inbox, the report page, and every workflow action. */
export function createTriageService(deps: TriageDeps & { lowConfidenceBelow: number }) {
  const act = createReportActor(deps);
  const context = (staff: Staff): InboxContext => ({
    scope: provinceScope(staff),
    userId: staff.userId,
    now: deps.clock(),
    lowConfidenceBelow: deps.lowConfidenceBelow,
  });
  const names = (codes: {
    provinceCode: string | null;
    regencyCode: string | null;
    districtCode: string | null;
    villageCode: string | null;
  }) => deps.places.describe(codes);

  return {
    ...createWorkflowActions(deps, act),
    ...createConversationActions(deps, act),

    async inbox(staff: Staff, filters: InboxFilters) {
      const ctx = context(staff);
      const [page, tally] = await Promise.all([
        listInbox(deps.db, ctx, filters),
        countInboxByStatus(deps.db, ctx, filters),
      ]);
      const items = page.items.map((item) => ({
        ...item,
        place: names({
          provinceCode: item.provinceCode,
          regencyCode: item.regencyCode,
          districtCode: null,
          villageCode: null,
        }),
        overdue: item.dueAt !== null && item.dueAt < ctx.now,
        // The classifier's own guess, below the threshold at which the flow trusts it.
        lowConfidence:
          item.categorySource === 'classifier' &&
          item.classifierConfidence !== null &&
          item.classifierConfidence < deps.lowConfidenceBelow,
      }));
      return {
        items,
        nextCursor: page.nextCursor,
        counts: tally?.counts ?? null,
        countLimit: tally?.limit ?? null,
      };
    },

    async report(staff: Staff, code: string) {
      const report = await findScopedReport(deps.db, provinceScope(staff), code);
      if (!report) return null;
      const rest = await loadReportContext(deps.db, report);
      const inbound = rest.messages.filter((m) => m.direction === 'inbound').map((m) => m.id);
      const attachments = await loadReportMedia(deps.db, report.media, inbound);
      const now = deps.clock();
      return {
        report,
        ...rest,
        media: attachments.items,
        placeHints: attachments.placeHints,
        place: names(report),
        overdue: report.dueAt !== null && report.dueAt < now,
      };
    },

    /** The masked reply as the citizen will receive it, with its SMS cost. */
    async previewMessage(staff: Staff, code: string, text: string) {
      const report = await findScopedReport(deps.db, provinceScope(staff), code);
      if (!report) return null;
      const body = systemText(
        deps.notifier.flows(),
        report.language === 'en' ? 'en' : 'id',
        'staff_message',
        {
          code: report.referenceCode,
          text,
        },
      );
      const count = countSegments(body);
      return {
        body,
        segments: count.segments,
        units: count.units,
        perSegment: count.perSegment,
        encoding: count.encoding,
      };
    },

    searchPlaces(staff: Staff, query: string) {
      const scope = provinceScope(staff);
      return deps.places.search(query, { limit: 15, ...(scope ? { provinceCodes: scope } : {}) });
    },

    /** Active secretariat members (and admins) who can take reports of these provinces. */
    async assignableStaff(provinceCode: string | null) {
      return deps.db
        .select({ id: users.id, name: users.name, email: users.email, role: users.role })
        .from(users)
        .where(
          and(
            isNull(users.disabledAt),
            or(
              eq(users.role, 'admin'),
              and(
                inArray(users.role, ['secretariat']),
                provinceCode ? arrayOverlaps(users.provinces, [provinceCode]) : undefined,
              ),
            ),
          ),
        )
        .orderBy(asc(users.name));
    },
  };
}
