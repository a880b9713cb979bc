import { CATEGORIES, type Category } from '../classifier/classification.js';
import type { DueKind, ReportStatus } from '../db/schema/reports.js';
import { addWorkingDays } from './add-working-days.js';
import { provinceTimeZone } from './province-time-zone.js';
import type { Deadlines, ServiceLevels } from './service-levels-schema.js';

/** What a report must carry for its deadline to be computed. */
export interface DeadlineInput {
  status: ReportStatus;
  category: string;
  provinceCode: string | null;
  /** Receipt: every service level is counted from here, not from the previous stage. */
  createdAt: Date;
  firstFollowUpAt: Date | null;
}

export interface NextDeadline {
  dueAt: Date;
  dueKind: DueKind;
}

function isCategory(value: string): value is Category {
  return CATEGORIES.some((category) => category === value);
}

function dueKindOf(report: DeadlineInput): DueKind | null {
  switch (report.status) {
    case 'new':
      return 'triage';
    // A validated report that already has a follow-up recorded (a data fix, or a stage moved back by
    // hand) has only closure left to meet.
    case 'validated':
      return report.firstFollowUpAt === null ? 'follow_up' : 'closure';
    case 'in_follow_up':
      return 'closure';
    case 'rejected':
    case 'closed':
      return null;
  }
}

/**
 * The next service-level deadline a report faces, in working days of its province's time zone
 * counted from receipt; null once it is rejected or closed. A category without its own deadlines in
 * flows/service-levels.yaml (or one unknown to this version) gets the default ones.
 */
export function nextDeadline(report: DeadlineInput, levels: ServiceLevels): NextDeadline | null {
  const dueKind = dueKindOf(report);
  if (dueKind === null) return null;
  const deadlines: Deadlines = isCategory(report.category)
    ? levels.deadlines[report.category]
    : levels.deadlines.default;
  const dueAt = addWorkingDays(
    report.createdAt,
    deadlines[dueKind],
    provinceTimeZone(report.provinceCode),
    levels.holidays,
  );
  return { dueAt, dueKind };
}
