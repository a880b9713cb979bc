import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tableExists } from './rotate-pii-keys.js';
import { SEALED_COLUMNS, sealedColumnName } from './sealed-columns.js';

/** How many values of each sealed column are on each key id (`v1.` values are on the legacy key `0`). */
export async function countSealedByKey(db: Db): Promise<{ source: string; keyId: string; values: number }[]> {
  const out: { source: string; keyId: string; values: number }[] = [];
  for (const column of SEALED_COLUMNS) {
    if (!(await tableExists(db, column.table))) continue;
    const value = column.jsonKey
      ? sql`(${sql.identifier(column.column)} ->> ${column.jsonKey})`
      : sql.identifier(column.column);
    const result = await db.execute<{ key_id: string; values: string }>(
      sql`select case when ${value} like 'v1.%' then '0' else split_part(${value}, '.', 2) end as key_id,
                 count(*) as values
          from ${sql.identifier(column.table)} where ${value} like 'v_.%' group by 1 order by 1`,
    );
    for (const row of result.rows) {
      out.push({ source: sealedColumnName(column), keyId: row.key_id, values: Number(row.values) });
    }
  }
  return out;
}
