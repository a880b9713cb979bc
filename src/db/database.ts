import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';
import * as schema from './schema/index.js';

export type Db = NodePgDatabase<typeof schema>;

/** The database or a transaction on it: what repository functions take, so callers choose the scope. */
export type DbExecutor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  max?: number;
  /** Where a lost connection is reported; without one it is only seen as its query's rejection. */
  logger?: Pick<Logger, 'warn'>;
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => {});
  // A checked-out client is no longer watched by the pool (pg-pool removes its idle listener), so a backend
  // terminated mid-transaction emitted an unhandled 'error' and killed the process. With this listener the
  // client's pending query rejects instead (the job fails and is retried) and the pool discards the client.
  pool.on('connect', (client) => {
    client.on('error', (error: Error & { code?: string }) => {
      // The code and pg's own text only ("Connection terminated unexpectedly", 57P01): no query, no URL.
      options.logger?.warn({ code: error.code, err: error.message }, 'Postgres connection lost');
    });
  });
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
