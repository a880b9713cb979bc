import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { apiTokens } from '../db/schema/api-tokens.js';
import { type UserRow, users } from '../db/schema/users.js';

export async function insertApiToken(
  db: DbExecutor,
  values: { userId: string; prefix: string; tokenHash: string },
): Promise<string> {
  const [row] = await db.insert(apiTokens).values(values).returning({ id: apiTokens.id });
  if (!row) throw new Error('token insert returned nothing');
  return row.id;
}

/** The token's user, if the token is not revoked and the user not disabled; marks the token used. */
export async function useApiToken(
  db: DbExecutor,
  tokenHash: string,
): Promise<{ tokenId: string; user: UserRow } | null> {
  const [row] = await db
    .select({ tokenId: apiTokens.id, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.tokenId));
  return row;
}

export function listApiTokens(db: DbExecutor, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiTokens(
  db: DbExecutor,
  userId: string,
  prefix: string | null,
): Promise<number> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        prefix ? eq(apiTokens.prefix, prefix) : undefined,
      ),
    )
    .returning({ id: apiTokens.id });
  return revoked.length;
}
