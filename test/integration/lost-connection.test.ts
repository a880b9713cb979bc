import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/project-path.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/test-stack.js';

const TSX = projectPath('node_modules', '.bin', 'tsx');
const WAITER = projectPath('test', 'support', 'lock-waiter.ts');

/**
 * Issue 12, defect 1: a backend terminated while its client waits on a row lock emitted 'error' on a
 * checked-out pg client nobody listened to, and the whole process died. Only this test's own database's
 * backends are terminated.
 */
describe('a Postgres connection lost mid-transaction', () => {
  let database: TestDatabase;
  let holder: pg.Client;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query(
      'create table lock_target (id int primary key); insert into lock_target values (1)',
    );
    holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await holder?.end();
    await database?.drop();
  });

  it('fails the waiting query and leaves the process running', async () => {
    await holder.query('begin');
    await holder.query('select id from lock_target where id = 1 for update');

    const spawned = spawn(TSX, [WAITER, database.url], { env: { PATH: process.env.PATH ?? '' } });
    child = spawned;
    let stdout = '';
    let stderr = '';
    spawned.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    spawned.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const closed = once(spawned, 'close');

    const name = new URL(database.url).pathname.slice(1);
    const waiting = await waitFor(async () => {
      const { rows } = await database.pool.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
        [name],
      );
      return rows[0]?.pid;
    }, 20_000);
    await database.pool.query('select pg_terminate_backend($1)', [waiting]);

    const [code] = await closed;
    await holder.query('rollback');
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line): unknown => JSON.parse(line));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(lines).toContainEqual(expect.objectContaining({ outcome: 'rejected' }));
    expect(lines).toContainEqual({ alive: true });
    // The lost connection is logged, and without the database URL's credentials or any query text.
    const logged = lines.find(
      (line) =>
        typeof line === 'object' &&
        line !== null &&
        'msg' in line &&
        /connection lost/.test(String(line.msg)),
    );
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).not.toContain('lock_target');
  });
});
