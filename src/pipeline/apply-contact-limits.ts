import { and, count, eq, gt, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';

/** Flood limits per contact; 0 turns a limit off. */
export interface ContactLimits {
  messagesPerMinute: number;
  repliesPerDay: number;
}

export type ParkReason = 'inbound_rate' | 'daily_replies';

export type LimitVerdict = { parked: false } | { parked: true; reason: ParkReason; newlyParked: boolean };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Decides whether a stored message is answered, and keeps the contact's parking record. Every reply
 * costs money (an SMS, a WhatsApp conversation): past `messagesPerMinute` messages in the minute up to
 * this one, or `repliesPerDay` automatic replies in the last 24 hours, the contact is parked — messages
 * are kept but not answered — until a message falls within both limits again.
 * The minute is measured on arrival times, so a backlog worked off late is judged as it arrived.
 */
export async function applyContactLimits(
  tx: DbExecutor,
  contactId: string,
  receivedAt: Date,
  limits: ContactLimits,
  now = new Date(),
): Promise<LimitVerdict> {
  const { reason, wasParked } = await readLimits(tx, contactId, receivedAt, limits, now);
  if (!reason) {
    if (wasParked) {
      await tx
        .update(contacts)
        .set({ parkedAt: null, parkedReason: null, parkedMessages: 0 })
        .where(and(eq(contacts.id, contactId), isNotNull(contacts.parkedAt)));
    }
    return { parked: false };
  }
  await tx
    .update(contacts)
    .set({
      parkedAt: sql`coalesce(${contacts.parkedAt}, ${now.toISOString()}::timestamptz)`,
      parkedReason: reason,
      parkedMessages: sql`${contacts.parkedMessages} + 1`,
      lastParkedAt: now,
    })
    .where(eq(contacts.id, contactId));
  return { parked: true, reason, newlyParked: !wasParked };
}

/** Both counts and the parking record in one round trip (a limit at 0 is not counted). */
async function readLimits(
  tx: DbExecutor,
  contactId: string,
  receivedAt: Date,
  limits: ContactLimits,
  now: Date,
): Promise<{ reason: ParkReason | null; wasParked: boolean }> {
  // How many of the contact's messages meet `conditions`, as a subquery; 0 when the limit is off.
  const countOf = (limit: number, ...conditions: SQL[]) =>
    limit > 0
      ? sql<number>`(${tx
          .select({ n: count() })
          .from(messages)
          .where(and(eq(messages.contactId, contactId), ...conditions))})`.mapWith(Number)
      : sql<number>`0`;
  const [row] = await tx
    .select({
      parkedAt: contacts.parkedAt,
      // The count includes this message.
      recent: countOf(
        limits.messagesPerMinute,
        eq(messages.direction, 'inbound'),
        gt(messages.createdAt, new Date(receivedAt.getTime() - MINUTE)),
        lte(messages.createdAt, receivedAt),
      ),
      // Automatic replies only: staff notifications and masked replies are not the flood's doing.
      replies: countOf(
        limits.repliesPerDay,
        eq(messages.direction, 'outbound'),
        isNotNull(messages.inReplyTo),
        gt(messages.createdAt, new Date(now.getTime() - DAY)),
      ),
    })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  const wasParked = Boolean(row?.parkedAt);
  if (limits.messagesPerMinute > 0 && (row?.recent ?? 0) > limits.messagesPerMinute)
    return { reason: 'inbound_rate', wasParked };
  if (limits.repliesPerDay > 0 && (row?.replies ?? 0) >= limits.repliesPerDay)
    return { reason: 'daily_replies', wasParked };
  return { reason: null, wasParked };
}
