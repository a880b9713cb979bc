import type { Staff } from '../auth/staff.js';
import { CATEGORIES, type Category } from '../classifier/classification.js';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../db/schema/follow-ups.js';
import {
  CLOSE_OUTCOMES,
  type CloseOutcome,
  REJECTION_REASONS,
  type RejectionReason,
} from '../db/schema/reports.js';
import type { TriageResult } from '../triage/report-actor.js';
import type { TriageService } from '../triage/triage-service.js';
import { type DemoComplaint, FOLLOW_UP_AGENCIES, FOLLOW_UP_DESCRIPTIONS } from './demo-complaints.js';

const DAY = 86_400_000;

/** What moving the demo's reports along shares: the admin, the seeded choices, and the seed's clock. */
export interface DemoProgression {
  triage: TriageService;
  staff: Staff;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  /** The real time: nothing is moved past it. */
  now: number;
  /** Sets the clock the workspace sees. */
  setClock: (at: number) => void;
  /** The first report of each demo complaint text: later ones may be marked its duplicates. */
  firstByComplaint: Map<string, string>;
}

function unwrap<T>(result: TriageResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.message}`);
  return result.value;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Moves one report through the workflow as the admin, a few days after it arrived. */
export async function advanceDemoReport(
  p: DemoProgression,
  code: string,
  category: Category | null,
  receivedAt: number,
  complaint: DemoComplaint,
): Promise<void> {
  const { triage, staff, random, pick, firstByComplaint } = p;
  let at = receivedAt;
  const step = (days: number) => {
    at = Math.min(at + days * DAY * (0.5 + random()), p.now);
    p.setClock(at);
  };
  const original = firstByComplaint.get(complaint.text);
  if (!original) firstByComplaint.set(complaint.text, code);

  const roll = random();
  if (roll < 0.3) return; // stays new
  step(1);
  if (random() < 0.08) {
    const other = CATEGORIES.filter((c) => c !== category);
    unwrap(await triage.changeCategory(staff, code, pick(other), null), 'recategorise');
  }
  if (roll < 0.45) {
    let reason: RejectionReason = pick(REJECTION_REASONS.filter((r) => r !== 'duplicate'));
    if (original && random() < 0.5) {
      unwrap(await triage.markDuplicate(staff, code, original, null), 'mark duplicate');
      reason = 'duplicate';
    }
    unwrap(await triage.changeStatus(staff, code, { status: 'rejected', reason }, null), 'reject');
    return;
  }
  if (random() < 0.3) unwrap(await triage.addNote(staff, code, 'Dicek dengan data IUP MODI.', null), 'note');
  unwrap(
    await triage.changeStatus(
      staff,
      code,
      { status: 'validated', publicNote: 'Laporan Anda sedang diverifikasi forum.' },
      null,
    ),
    'validate',
  );
  if (roll < 0.65) return; // validated
  const followUps = roll < 0.85 ? 1 + Math.floor(random() * 2) : 1;
  for (let n = 0; n < followUps; n++) {
    step(3);
    const kind: FollowUpKind = pick(FOLLOW_UP_KINDS.filter((k) => k !== 'other'));
    unwrap(
      await triage.addFollowUp(
        staff,
        code,
        {
          kind,
          date: isoDay(new Date(at)),
          agency: pick(FOLLOW_UP_AGENCIES),
          description: pick(FOLLOW_UP_DESCRIPTIONS),
        },
        null,
      ),
      'follow up',
    );
  }
  if (roll < 0.85) return; // in follow-up
  step(7);
  const outcome: CloseOutcome = pick(CLOSE_OUTCOMES);
  unwrap(await triage.changeStatus(staff, code, { status: 'closed', outcome }, null), 'close');
}
