import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import { type MessageRow, messages } from '../db/schema/messages.js';

export interface OpenAttempt {
  attemptedAt: Date;
  attemptKey: string;
}

/**
 * Commits a send attempt before the provider is called. Only one process can open it: null when the
 * message was sent, opened or changed by someone else since it was read (nothing is sent then).
 */
export async function beginSendAttempt(
  db: DbExecutor,
  message: Pick<MessageRow, 'id' | 'attempts'>,
): Promise<OpenAttempt | null> {
  const attempt: OpenAttempt = {
    attemptedAt: new Date(),
    // A provider that takes a client-chosen id (the Android app, at most 36 characters) gets this one.
    attemptKey: `${message.id.replaceAll('-', '')}-${message.attempts + 1}`,
  };
  const opened = await db
    .update(messages)
    .set({
      status: 'sending',
      attempts: message.attempts + 1,
      sendAttemptedAt: attempt.attemptedAt,
      sendAttemptKey: attempt.attemptKey,
      updatedAt: attempt.attemptedAt,
    })
    .where(
      and(
        eq(messages.id, message.id),
        eq(messages.attempts, message.attempts),
        inArray(messages.status, ['queued', 'sending']),
        isNull(messages.providerMessageId),
        isNull(messages.sendAttemptedAt),
      ),
    )
    .returning({ id: messages.id });
  return opened.length ? attempt : null;
}

/** Withdraws an attempt before the provider was called (the send rate said wait): as if never made. */
export async function cancelSendAttempt(
  db: DbExecutor,
  message: Pick<MessageRow, 'id' | 'status' | 'attempts'>,
  attempt: OpenAttempt,
): Promise<void> {
  await db
    .update(messages)
    .set({
      status: message.status,
      attempts: message.attempts,
      sendAttemptedAt: null,
      sendAttemptKey: null,
      updatedAt: new Date(),
    })
    .where(and(eq(messages.id, message.id), eq(messages.sendAttemptKey, attempt.attemptKey)));
}

/** Updates a message; `sendAttemptedAt: null` closes its attempt (the outcome is known). */
export async function recordSend(
  db: DbExecutor,
  id: string,
  values: Partial<typeof messages.$inferInsert>,
): Promise<void> {
  await db
    .update(messages)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(messages.id, id));
}

/** Provider ids among `ids` that Suara already holds for other messages: a reconciliation must not take them. */
export async function knownProviderIds(
  db: DbExecutor,
  provider: Provider,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: messages.providerMessageId })
    .from(messages)
    .where(and(eq(messages.provider, provider), inArray(messages.providerMessageId, ids)));
  return new Set(rows.flatMap((row) => (row.id ? [row.id] : [])));
}
