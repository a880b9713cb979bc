import type pg from 'pg';

/**
 * Runs `load` with the tables' secondary indexes and foreign keys set aside, then rebuilds them from
 * the definitions Postgres itself printed (`pg_get_indexdef`, `pg_get_constraintdef`), so the schema
 * afterwards is exactly what the migrations made. This is the bulk-load recipe of the Postgres manual
 * ("Populating a Database"): one sort per index instead of a million random insertions, and one
 * anti-join per foreign key instead of a trigger per row. Primary keys stay in place.
 */
export async function withBulkLoad(
  client: pg.Client,
  tables: readonly string[],
  load: () => Promise<void>,
  log: (text: string) => void,
): Promise<void> {
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where contype = 'f' and conrelid = any($1::regclass[])`,
    [tables],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const fk of foreignKeys.rows)
    await client.query(`alter table ${fk.table} drop constraint "${fk.name}"`);
  for (const index of indexes.rows) await client.query(`drop index ${index.name}`);

  await load();

  await client.query(`set maintenance_work_mem = '1GB'`);
  for (const index of indexes.rows) {
    const started = performance.now();
    await client.query(index.definition);
    log(`  index ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const started = performance.now();
  for (const fk of foreignKeys.rows) {
    await client.query(`alter table ${fk.table} add constraint "${fk.name}" ${fk.definition}`);
  }
  log(
    `  ${foreignKeys.rows.length} foreign keys checked: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await client.query('reset maintenance_work_mem');
}
