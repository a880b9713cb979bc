import { readFileSync } from 'node:fs';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectPath } from '../project-path.js';
import { createDatabase } from './database.js';

const MIGRATIONS_DIR = projectPath('migrations');

/** Creates the database named in the URL if it does not exist yet (CREATE DATABASE cannot run inside it). */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; returns whether the database had to be created. */
export async function migrateDatabase(url: string): Promise<{ created: boolean }> {
  const created = await ensureDatabaseExists(url);
  const database = createDatabase(url, { max: 1 });
  try {
    await migrate(database.db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await database.close();
  }
  return { created };
}

/** Number of migrations shipped with this build, from drizzle-kit's journal. */
export function shippedMigrationCount(): number {
  const journal: unknown = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8'));
  if (journal && typeof journal === 'object' && 'entries' in journal && Array.isArray(journal.entries)) {
    return journal.entries.length;
  }
  return 0;
}

export async function appliedMigrationCount(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ count: string }>(
    'select count(*)::text as count from drizzle.__drizzle_migrations',
  );
  return Number(result.rows[0]?.count ?? 0);
}
