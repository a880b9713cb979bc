import type { Effect } from './effects.js';
import type { OutboundText, SendLimits } from './engine-types.js';
import type { Session } from './session.js';

/**
 * Loop protection: an auto-responder or another bot replying to every SMS would otherwise make us
 * send forever. Past `maxMessages` in `windowMinutes` the contact is parked for one window: nothing is
 * sent, effects other than replies (a report, an opt-out) still happen, and the runtime logs it.
 * A STATUS lookup counts as one send because the runtime will answer it.
 */
export function applyLoopGuard(
  session: Session,
  outbound: OutboundText[],
  effects: Effect[],
  now: Date,
  limits: SendLimits,
): { outbound: OutboundText[]; effects: Effect[] } {
  const windowMs = limits.windowMinutes * 60_000;
  const recent = session.recentSends.filter((t) => now.getTime() - Date.parse(t) < windowMs);
  const pending = outbound.length + effects.filter((e) => e.type === 'status_query').length;
  if (pending > 0 && recent.length + pending > limits.maxMessages) {
    const until = new Date(now.getTime() + windowMs).toISOString();
    session.recentSends = recent;
    session.parkedUntil = until;
    return {
      outbound: [],
      effects: [
        ...effects.filter((e) => e.type !== 'status_query'),
        { type: 'park_contact', until, sentInWindow: recent.length },
      ],
    };
  }
  session.recentSends = [...recent, ...Array.from({ length: pending }, () => now.toISOString())];
  return { outbound, effects };
}
