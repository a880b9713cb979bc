import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, recordAudit } from '../../src/audit/append-audit.js';
import { GENESIS_HASH } from '../../src/audit/audit-hash.js';
import { listAudit } from '../../src/audit/list-audit.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import type { Db } from '../../src/db/database.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const ALICE = '6f1c0a9e-8d2b-4c3a-9e1f-0a1b2c3d4e5f';

/** `suara audit verify` in a child process. */
function suaraAuditVerify(url: string) {
  return runCli(['audit', 'verify'], { DATABASE_URL: url, PII_KEY: 'a'.repeat(64), NODE_ENV: 'test' });
}

async function appendSeveral(db: Db, count: number): Promise<void> {
  const alice = { actorUserId: ALICE, actor: 'alice@example.org', action: 'report.update', ip: '10.0.0.1' };
  for (let n = 0; n < count; n += 1) {
    const change = { before: { status: 'new', n }, after: { status: 'triaged', n } };
    await recordAudit(db, { ...alice, ...change, subjectType: 'report', subjectId: `r${n}` });
  }
}

/** Runs a statement the append-only trigger would refuse, as an operator with table-owner rights could. */
async function tamper(db: Db, statement: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute('alter table audit_log disable trigger audit_log_append_only');
    await tx.execute(statement);
    await tx.execute('alter table audit_log enable trigger audit_log_append_only');
  });
}

async function auditIds(db: Db): Promise<number[]> {
  const result = await db.execute<{ id: string }>('select id from audit_log order by id');
  return result.rows.map((row) => Number(row.id));
}

describe('audit log', () => {
  let intact: TestDatabase;
  let tampered: TestDatabase;
  beforeAll(async () => {
    [intact, tampered] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([intact?.drop(), tampered?.drop()]);
  });

  it('verifies an empty log and a chain of appends, whatever jsonb does to the values', async () => {
    expect(await verifyAuditChain(intact.db)).toEqual({ ok: true, rows: 0 });
    await appendSeveral(intact.db, 3);
    await intact.db.transaction(async (tx) => {
      await appendAudit(tx, {
        actorUserId: ALICE.toUpperCase(), // stored, and so hashed, in lower case
        actor: 'alice@example.org',
        action: 'user.update',
        // jsonb reorders keys (shorter first), so hashing must sort them; and strings that look like
        // JSON must not be parsed twice on the way back.
        before: { zeta: 1, alpha: { y: [3, { b: 2, a: 1 }], x: 'é' }, gone: undefined },
        after: '{"not":"an object"}',
        at: new Date('2024-01-02T03:04:05.678Z'),
      });
      await appendAudit(tx, { actorUserId: null, actor: 'cli', action: 'cli.note', before: '42' });
    });
    const rows = await intact.db.execute<{ prev_hash: string; hash: string; at: string }>(sql`
      select prev_hash, hash, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at
      from audit_log order by id`);
    expect(rows.rows).toHaveLength(5);
    expect(rows.rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows.rows[1]?.prev_hash).toBe(rows.rows[0]?.hash);
    expect(rows.rows[3]?.at).toBe('2024-01-02T03:04:05.678000');
    expect(await verifyAuditChain(intact.db)).toEqual({ ok: true, rows: 5 });
  });

  it('keeps the chain intact under 30 concurrent writers', async () => {
    const before = await verifyAuditChain(intact.db);
    const entry = { actorUserId: null, actor: 'system', action: 'concurrent' };
    await Promise.all(Array.from({ length: 30 }, () => recordAudit(intact.db, entry)));
    expect((await listAudit(intact.db, { limit: 100, action: 'concurrent' })).items).toHaveLength(30);
    expect(await verifyAuditChain(intact.db)).toEqual({ ok: true, rows: before.rows + 30 });
  });

  it('refuses a transaction with snapshot isolation, where the last row could be stale', async () => {
    const attempt = intact.db.transaction(
      (tx) => appendAudit(tx, { actorUserId: null, actor: 'system', action: 'x' }),
      { isolationLevel: 'repeatable read' },
    );
    await expect(attempt).rejects.toThrow(/READ COMMITTED/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    for (const statement of [
      'update audit_log set actor = actor',
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      const refused = intact.db.execute(statement);
      await expect(refused).rejects.toSatisfy((error: Error) => /append-only/.test(String(error.cause)));
    }
    expect((await verifyAuditChain(intact.db)).ok).toBe(true);
  });

  it('pages newest first, with filters, and reports progress while verifying', async () => {
    const newest = (await listAudit(intact.db, { limit: 2 })).items.map((row) => row.action);
    expect(newest).toEqual(['concurrent', 'concurrent']);
    const all: number[] = [];
    let cursor: number | null | undefined;
    do {
      const page = await listAudit(intact.db, { limit: 7, beforeId: cursor ?? undefined });
      all.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(all).toHaveLength(35);
    expect(new Set(all).size).toBe(35);
    expect(all).toEqual([...all].sort((a, b) => b - a));

    const alice = await listAudit(intact.db, { limit: 10, actorUserId: ALICE });
    expect(alice.items).toHaveLength(4);
    expect(alice.nextCursor).toBeNull();
    const updates = await listAudit(intact.db, { limit: 2, action: 'report.update' });
    expect(updates.items.map((row) => row.subjectId)).toEqual(['r2', 'r1']);
    const beforeId = updates.nextCursor ?? 0;
    const older = await listAudit(intact.db, { limit: 2, action: 'report.update', beforeId });
    expect(older.items.map((row) => row.subjectId)).toEqual(['r0']);
    expect(older.nextCursor).toBeNull();
    const quoted = await listAudit(intact.db, { limit: 1, action: 'cli.note' });
    expect(quoted.items[0]?.before).toBe('42');
    const progress: number[] = [];
    await verifyAuditChain(intact.db, (checked) => progress.push(checked));
    expect(progress.at(-1)).toBe(35);
  });

  it('prints "intact" and exits 0 from the CLI', async () => {
    const result = await suaraAuditVerify(intact.url);
    expect(result.stdout.trim()).toBe('audit log intact: 35 rows');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('detects a row altered behind the trigger, naming its id', async () => {
    await appendSeveral(tampered.db, 5);
    const third = (await auditIds(tampered.db))[2];
    await tamper(tampered.db, `update audit_log set after = '{"status":"closed"}' where id = ${third}`);
    expect(await verifyAuditChain(tampered.db)).toEqual({
      ok: false,
      rows: 2,
      brokenAt: third,
      reason: `row ${third}: content does not match its hash (altered)`,
    });
    const cli = await suaraAuditVerify(tampered.url);
    expect(cli.stdout.trim()).toBe(
      `audit log BROKEN at row ${third}: row ${third}: content does not match its hash (altered)`,
    );
    expect(cli.code).toBe(1);

    // Putting the original content back makes the chain whole again.
    await tamper(
      tampered.db,
      `update audit_log set after = '{"status":"triaged","n":2}' where id = ${third}`,
    );
    expect(await verifyAuditChain(tampered.db)).toEqual({ ok: true, rows: 5 });
  });

  it('detects a deleted middle row and a deleted first row', async () => {
    const [, second, third, fourth] = await auditIds(tampered.db);
    await tamper(tampered.db, `delete from audit_log where id = ${third}`);
    expect(await verifyAuditChain(tampered.db)).toEqual({
      ok: false,
      rows: 2,
      brokenAt: fourth,
      reason: `row ${fourth}: prev_hash does not match row ${second} (row removed or reordered)`,
    });
    const cli = await suaraAuditVerify(tampered.url);
    expect(cli.stdout).toMatch(new RegExp(`^audit log BROKEN at row ${fourth}: .*row removed`));
    expect(cli.code).toBe(1);

    await tamper(tampered.db, `delete from audit_log where id <= ${second}`);
    expect(await verifyAuditChain(tampered.db)).toEqual({
      ok: false,
      rows: 0,
      brokenAt: fourth,
      reason: `row ${fourth}: prev_hash is not the genesis hash (earlier rows removed)`,
    });
  });

  it('prints one readable line when Postgres cannot be reached', async () => {
    const result = await suaraAuditVerify('postgres://postgres@127.0.0.1:1/suara');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot reach Postgres at 127\.0\.0\.1:1\/suara .*Start Postgres/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});
