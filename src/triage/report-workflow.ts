import type { CloseOutcome, RejectionReason, ReportStatus } from '../db/schema/reports.js';

/**
 * The GRM stages (GUIDE §8): received → validated or rejected → in follow-up → closed, reopenable.
 * A report enters follow-up by getting its first follow-up record; reopening a closed report returns
 * it to follow-up (or to validated when it never had one), and a rejected one to new or validated.
 */
const MOVES: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['validated', 'rejected'],
  validated: ['rejected', 'in_follow_up', 'closed'],
  in_follow_up: ['closed'],
  rejected: ['new', 'validated'],
  closed: ['validated', 'in_follow_up'],
};

export interface StatusChange {
  status: ReportStatus;
  reason?: RejectionReason | undefined;
  outcome?: CloseOutcome | undefined;
}

export type MoveCheck = { ok: true } | { ok: false; message: string };

export function checkStatusMove(from: ReportStatus, change: StatusChange, followUps: number): MoveCheck {
  const to = change.status;
  if (from === to) return { ok: false, message: `The report is already ${to}.` };
  if (!MOVES[from].includes(to)) {
    const allowed = MOVES[from].join(', ');
    return {
      ok: false,
      message: `A ${from} report cannot become ${to}; from ${from} it can become: ${allowed}.`,
    };
  }
  if (to === 'in_follow_up' && followUps === 0)
    return {
      ok: false,
      message: 'Record a follow-up first: a report is in follow-up once the forum acted on it.',
    };
  if (to === 'validated' && from === 'closed' && followUps > 0)
    return { ok: false, message: 'This report has follow-ups: reopen it to in_follow_up.' };
  if (to === 'rejected' && !change.reason)
    return {
      ok: false,
      message: 'Rejecting needs a reason: duplicate, spam, out_of_scope or insufficient_information.',
    };
  if (to === 'closed' && !change.outcome)
    return {
      ok: false,
      message: 'Closing needs an outcome: resolved, not_resolved, referred_elsewhere or withdrawn.',
    };
  return { ok: true };
}

/** Which citizen notification a move sends, if any. */
export function notificationFor(
  to: ReportStatus,
): 'notify_validated' | 'notify_in_follow_up' | 'notify_closed' | null {
  if (to === 'validated') return 'notify_validated';
  if (to === 'in_follow_up') return 'notify_in_follow_up';
  if (to === 'closed') return 'notify_closed';
  return null;
}
