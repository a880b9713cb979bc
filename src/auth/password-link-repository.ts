import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { passwordLinks } from '../db/schema/password-links.js';

export async function insertPasswordLink(
  db: DbExecutor,
  values: { userId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(passwordLinks).values(values);
}

/** Marks a valid link used and returns its user; null for an unknown, used or expired link. */
export async function consumePasswordLink(
  db: DbExecutor,
  tokenHash: string,
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .update(passwordLinks)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(passwordLinks.tokenHash, tokenHash),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, now),
      ),
    )
    .returning({ userId: passwordLinks.userId });
  return row?.userId ?? null;
}
