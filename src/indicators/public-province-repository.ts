import { asc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.js';
import { publicProvinces } from '../db/schema/indicator-rollup.js';

export async function listPublicProvinces(db: DbExecutor): Promise<string[]> {
  const rows = await db
    .select({ code: publicProvinces.provinceCode })
    .from(publicProvinces)
    .orderBy(asc(publicProvinces.provinceCode));
  return rows.map((row) => row.code);
}

/** True when the setting changed. */
export async function setPublicProvince(
  db: DbExecutor,
  provinceCode: string,
  enabled: boolean,
  userId: string | null,
): Promise<boolean> {
  if (enabled) {
    const inserted = await db
      .insert(publicProvinces)
      .values({ provinceCode, enabledBy: userId })
      .onConflictDoNothing()
      .returning({ code: publicProvinces.provinceCode });
    return inserted.length > 0;
  }
  const deleted = await db
    .delete(publicProvinces)
    .where(eq(publicProvinces.provinceCode, provinceCode))
    .returning({ code: publicProvinces.provinceCode });
  return deleted.length > 0;
}
