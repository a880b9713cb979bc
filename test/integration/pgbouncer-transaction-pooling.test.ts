import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports } from '../../src/db/schema/reports.js';
import { compactIndicatorDeltas } from '../../src/indicators/indicator-repository.js';
import { citizenReports } from '../support/citizen-report.js';
import { type PrivatePgBouncer, startPrivatePgBouncer } from '../support/private-pgbouncer.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const CITIZENS = [
  ['+6281277800001', 'royalti batubara tidak sampai ke desa kami di Kutai Timur'],
  ['+6281277800002', 'air sungai keruh dan berbau sejak ada tambang nikel di Konawe Utara'],
  ['+6281277800003', 'izin tambang perusahaan di Kutai Kartanegara sudah habis tapi masih menambang'],
  ['+6281277800004', 'dana CSR perusahaan tambang tidak pernah sampai ke warga Kutai Timur'],
] as const;

/**
 * Issue 13: Suara through PgBouncer in transaction pooling mode (what managed poolers run), with fewer
 * server connections than the app's pool, so consecutive statements of one client land on different
 * Postgres backends. Session state (session advisory locks, SET, LISTEN, temporary tables, named
 * prepared statements, cursors outside a transaction) would fail or leak here. Conversations in
 * parallel, staff triage (the audit chain's advisory lock), indicator compaction and partner exports (a
 * server-side cursor in a REPEATABLE READ transaction, and its snapshot as the next cursor) all run
 * through the bouncer; the test's own checks read Postgres directly.
 */
describe('Suara behind PgBouncer in transaction mode', () => {
  let database: TestDatabase;
  let probeDatabase: TestDatabase;
  let bouncer: PrivatePgBouncer;
  let stack: TestStack;

  beforeAll(async () => {
    [database, probeDatabase] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    bouncer = await startPrivatePgBouncer(database.url, { serverConnections: 3 });
    stack = await startTestStack({ database, env: { DATABASE_URL: bouncer.url(database.url) } });
    await stack.startConversationWorkers();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await bouncer?.close();
    await probeDatabase?.drop();
  });

  it('runs conversations, triage, indicators and exports with no session state', async () => {
    const admin = new pg.Client({ connectionString: bouncer.adminUrl });
    await admin.connect();
    const config = await admin.query<{ key: string; value: string }>('SHOW CONFIG');
    await admin.end();
    expect(config.rows.find((row) => row.key === 'pool_mode')?.value).toBe('transaction');
    // The bouncer does break session state: a named prepared statement is gone once another client's
    // transaction holds the backend it was prepared on. On a database of their own, so that the app's
    // background queries cannot take that backend in between (the bouncer hands out the server
    // connection used last, so `b` gets the one `a` just prepared on).
    const [a, b] = [0, 1].map(() => new pg.Client({ connectionString: bouncer.url(probeDatabase.url) }));
    if (!a || !b) throw new Error('clients');
    await Promise.all([a.connect(), b.connect()]);
    await a.query({ name: 'probe', text: 'select 1 as one' });
    await b.query('begin');
    await b.query('select 1');
    await expect(a.query({ name: 'probe', text: 'select 1 as one' })).rejects.toThrow(/does not exist/);
    await b.query('commit');
    await Promise.all([a.end(), b.end()]);
    // The app really goes through the bouncer (its pool's URL names the bouncer's port).
    expect(stack.config.DATABASE_URL).toBe(bouncer.url(database.url));

    const codes = await Promise.all(CITIZENS.map(([from, text]) => citizenReports(stack, from, text)));
    expect(new Set(codes).size).toBe(CITIZENS.length);

    await createStaff(stack, {
      email: 'sekretariat@example.org',
      role: 'secretariat',
      provinces: ['64', '74'],
    });
    const auth = await signInOverHttp(stack, 'sekretariat@example.org');
    for (const code of codes) {
      const moved = await stack.app.inject({
        method: 'POST',
        url: `/api/v1/reports/${code}/status`,
        headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
        payload: { status: 'validated', publicNote: 'Dibahas di forum.' },
      });
      expect(moved.statusCode).toBe(200);
    }
    await compactIndicatorDeltas(stack.services.database.db);

    const partner = await stack.workspace.partners.create(
      { userId: null, label: 'test' },
      { name: 'Peneliti', provinces: [] },
    );
    if (!partner.ok) throw new Error('partner');
    const exportSince = (since?: string) =>
      stack.app.inject({
        method: 'GET',
        url: `/api/v1/exports/reports?format=jsonl${since ? `&since=${since}` : ''}`,
        headers: { authorization: `Bearer ${partner.value.key}` },
      });
    const first = await exportSince();
    expect(first.statusCode).toBe(200);
    const lines = first.body.trim().split('\n');
    // One line per validated report, then the manifest.
    expect(lines).toHaveLength(CITIZENS.length + 1);
    const next = await exportSince(String(first.headers['x-export-cursor']));
    expect(next.statusCode).toBe(200);
    expect(next.body.trim().split('\n')).toHaveLength(1);

    // What the app wrote through the bouncer, read directly from Postgres.
    const stored = await database.db.select({ status: reports.status }).from(reports);
    expect(stored.map((row) => row.status)).toEqual(CITIZENS.map(() => 'validated'));
    const audited = await database.pool.query<{ count: string }>(
      `select count(*) from audit_log where action like 'report.%'`,
    );
    expect(Number(audited.rows[0]?.count)).toBeGreaterThanOrEqual(CITIZENS.length);
    const [one] = await database.db
      .select()
      .from(reports)
      .where(eq(reports.referenceCode, codes[0] ?? ''));
    expect(one?.status).toBe('validated');
  }, 120_000);
});
