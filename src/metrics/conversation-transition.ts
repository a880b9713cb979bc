import type { Effect } from '../conversation/engine/effects.js';
import type { Session } from '../conversation/engine/session.js';

/** Why a conversation ended without a report: a bounded set, fit for a metrics label. */
export type AbandonReason = 'expired' | 'cancelled' | 'opted_out' | 'replaced';

export interface ConversationTransition {
  started: boolean;
  /** A report was filed in this turn (the conversation reached its create_report step). */
  completed: boolean;
  abandoned: AbandonReason | null;
}

/**
 * What one turn did to the contact's conversation, read from the session before and after and the
 * effects. An idle conversation is seen as abandoned only when the citizen's next message finds it
 * expired: nothing runs on a timer.
 */
export function conversationTransition(
  before: Session | null,
  after: Session,
  effects: readonly Effect[],
  now: Date,
  idleTimeoutMs: number,
): ConversationTransition {
  const previous = before?.conversation ?? null;
  const current = after.conversation;
  const reports = effects.flatMap((effect) => (effect.type === 'create_report' ? [effect.report] : []));
  const startedAt = new Set(reports.map((report) => report.conversationStartedAt));
  if (current) startedAt.add(current.startedAt);
  if (previous) startedAt.delete(previous.startedAt);

  let abandoned: AbandonReason | null = null;
  const previousEnded = previous !== null && current?.startedAt !== previous.startedAt;
  const previousFiled =
    previous !== null &&
    (typeof previous.vars.ref === 'string' ||
      reports.some((report) => report.conversationStartedAt === previous.startedAt));
  if (previousEnded && !previousFiled && before) {
    if (now.getTime() - Date.parse(before.updatedAt) > idleTimeoutMs) abandoned = 'expired';
    else if (effects.some((effect) => effect.type === 'opt_out')) abandoned = 'opted_out';
    else if (current === null) abandoned = 'cancelled';
    else abandoned = 'replaced';
  }
  return { started: startedAt.size > 0, completed: reports.length > 0, abandoned };
}
