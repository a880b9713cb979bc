/** How long the citizen's words and media are kept (RETENTION_CLOSED_REPORT_DAYS, RETENTION_ABANDONED_DAYS). */
export interface RetentionPolicy {
  /** After a report is closed. */
  closedReportDays: number;
  /** After a conversation that never became a report (nor belongs to one). */
  abandonedDays: number;
}

const DAY = 86_400_000;

export function retentionCutoffs(
  policy: RetentionPolicy,
  now: Date,
): { closedBefore: Date; abandonedBefore: Date } {
  return {
    closedBefore: new Date(now.getTime() - policy.closedReportDays * DAY),
    abandonedBefore: new Date(now.getTime() - policy.abandonedDays * DAY),
  };
}
