import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { type PartnerRow, partnerKeys, partners } from '../db/schema/partners.js';

export interface PartnerKeyRow {
  id: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function findPartnerByName(db: DbExecutor, name: string): Promise<PartnerRow | null> {
  const [row] = await db.select().from(partners).where(eq(partners.name, name));
  return row ?? null;
}

export async function listPartners(db: DbExecutor): Promise<PartnerRow[]> {
  return db.select().from(partners).orderBy(asc(partners.name));
}

/** The active partner holding an unrevoked key with this hash, and the key's id and prefix. */
export async function findPartnerByKeyHash(
  db: DbExecutor,
  keyHash: string,
): Promise<{ partner: PartnerRow; keyId: string; prefix: string } | null> {
  const [row] = await db
    .select({ partner: partners, keyId: partnerKeys.id, prefix: partnerKeys.prefix })
    .from(partnerKeys)
    .innerJoin(partners, eq(partners.id, partnerKeys.partnerId))
    .where(and(eq(partnerKeys.keyHash, keyHash), isNull(partnerKeys.revokedAt), eq(partners.active, true)));
  return row ?? null;
}

export async function touchPartnerKey(db: DbExecutor, keyId: string, at: Date): Promise<void> {
  await db.update(partnerKeys).set({ lastUsedAt: at }).where(eq(partnerKeys.id, keyId));
}

export async function listPartnerKeys(db: DbExecutor, partnerId: string): Promise<PartnerKeyRow[]> {
  return db
    .select({
      id: partnerKeys.id,
      prefix: partnerKeys.prefix,
      createdAt: partnerKeys.createdAt,
      lastUsedAt: partnerKeys.lastUsedAt,
      revokedAt: partnerKeys.revokedAt,
    })
    .from(partnerKeys)
    .where(eq(partnerKeys.partnerId, partnerId))
    .orderBy(asc(partnerKeys.createdAt));
}

/** Revokes one key by prefix, or every key of the partner; returns how many were revoked. */
export async function revokePartnerKeys(
  db: DbExecutor,
  partnerId: string,
  prefix: string | null,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(partnerKeys)
    .set({ revokedAt: at })
    .where(
      and(
        eq(partnerKeys.partnerId, partnerId),
        isNull(partnerKeys.revokedAt),
        prefix ? eq(partnerKeys.prefix, prefix) : undefined,
      ),
    )
    .returning({ id: partnerKeys.id });
  return rows.length;
}
