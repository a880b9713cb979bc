import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { type StaffSessionRow, staffSessions } from '../db/schema/staff-sessions.js';
import { type UserRow, users } from '../db/schema/users.js';

export async function insertStaffSession(
  db: DbExecutor,
  values: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    secondFactorPending: boolean;
    ip: string | null;
    expiresAt: Date;
  },
): Promise<StaffSessionRow> {
  const [row] = await db.insert(staffSessions).values(values).returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

/** A live session with its user: not revoked, not past its absolute expiry, user not disabled. */
export async function findLiveSession(
  db: DbExecutor,
  tokenHash: string,
  now: Date,
): Promise<{ session: StaffSessionRow; user: UserRow } | null> {
  const [row] = await db
    .select({ session: staffSessions, user: users })
    .from(staffSessions)
    .innerJoin(users, eq(staffSessions.userId, users.id))
    .where(
      and(
        eq(staffSessions.tokenHash, tokenHash),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  return row ?? null;
}

export async function touchSession(db: DbExecutor, id: string, now: Date): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, id));
}

export async function completeSecondFactor(db: DbExecutor, id: string): Promise<void> {
  await db.update(staffSessions).set({ secondFactorPending: false }).where(eq(staffSessions.id, id));
}

export async function revokeSession(db: DbExecutor, id: string): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(staffSessions.id, id), isNull(staffSessions.revokedAt)));
}

export async function revokeUserSessions(db: DbExecutor, userId: string): Promise<number> {
  const revoked = await db
    .update(staffSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return revoked.length;
}
