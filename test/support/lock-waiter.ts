import { sql } from 'drizzle-orm';
import { createDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';

/**
 * Run as a child process by lost-connection.test.ts: a transaction waits on a row lock another session
 * holds, the test terminates this process's backend, and the process reports what it saw — if it lives.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: lock-waiter <database url>');
const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const logger = createLogger({ level: 'info', production: true });
const database = createDatabase(url, { max: 2, logger });

try {
  await database.db.transaction(async (tx) => {
    report({ waiting: true });
    await tx.execute(sql`select id from lock_target where id = 1 for update`);
  });
  report({ outcome: 'resolved' });
} catch (error) {
  report({ outcome: 'rejected', error: error instanceof Error ? error.name : typeof error });
}
// The pool serves again on a fresh connection: the dead client was discarded, not reused.
const { rows } = await database.pool.query<{ one: number }>('select 1 as one');
report({ alive: rows[0]?.one === 1 });
await database.close();
