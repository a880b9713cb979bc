import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../src/db/schema/api-tokens.js';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { passwordLinks } from '../../src/db/schema/password-links.js';
import { users as usersTable } from '../../src/db/schema/users.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// Each step spawns the real CLI through tsx (1–4 s on a busy two-core machine).
describe('suara users', { timeout: 120_000 }, () => {
  let database: TestDatabase;

  /** Runs `suara users …`; a string is split on spaces, an array is passed as it is. */
  async function users(args: string | string[], env: Record<string, string> = {}) {
    const list = typeof args === 'string' ? args.split(' ') : args;
    return runCli(['users', ...list], {
      DATABASE_URL: database.url,
      PII_KEY: 'a'.repeat(64),
      NODE_ENV: 'test',
      ...env,
    });
  }

  async function userRow(email: string) {
    const [row] = await database.db.select().from(usersTable).where(eq(usersTable.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row;
  }

  async function tokenRow(token: string) {
    const [row] = await database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(token)));
    return row;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates an admin and a secretariat member, each with a one-time set-password link', async () => {
    const admin = await users('create --email Ada@Example.org --name Ada --role admin');
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('Created admin ada@example.org (Ada), provinces: all.');
    expect(admin.stdout).toContain('valid for 72 hours (PASSWORD_LINK_HOURS)');
    const link = admin.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/triage\/set-password\?token=[\w-]{43}$/);
    const adminRow = await userRow('ada@example.org');
    expect(adminRow).toMatchObject({ role: 'admin', name: 'Ada', passwordHash: null, disabledAt: null });
    const linkHash = sha256(new URL(link).searchParams.get('token') ?? '');
    const [stored] = await database.db
      .select()
      .from(passwordLinks)
      .where(eq(passwordLinks.tokenHash, linkHash));
    expect(stored?.userId).toBe(adminRow.id);

    const secretariat = await users(
      [
        'create',
        '--email',
        'budi@example.org',
        '--name',
        'Budi Santoso',
        '--role',
        'secretariat',
        '--province',
        '11,64',
      ],
      { PUBLIC_URL: 'https://suara.example.org', PASSWORD_LINK_HOURS: '24' },
    );
    expect(secretariat.code).toBe(0);
    expect(secretariat.stdout).toContain(
      'Created secretariat budi@example.org (Budi Santoso), provinces: 11,64.',
    );
    expect(secretariat.stdout).toContain('valid for 24 hours');
    expect(secretariat.stdout).toMatch(
      /\nhttps:\/\/suara\.example\.org\/triage\/set-password\?token=[\w-]{43}\n$/,
    );
    expect(await userRow('budi@example.org')).toMatchObject({ role: 'secretariat', provinces: ['11', '64'] });

    const audited = await database.db.select().from(auditLog).where(eq(auditLog.action, 'user.create'));
    expect(audited.map((row) => row.actor)).toEqual(['cli', 'cli']);
  });

  it('refuses a duplicate e-mail, a bad role, a missing province and a bad e-mail with one line and exit 1', async () => {
    const cases: [string, RegExp][] = [
      ['create --email ADA@example.org --name Ada2 --role admin', /already exists/],
      ['create --email c@example.org --name C --role boss', /"boss" is not a role/],
      ['create --email c@example.org --name C --role viewer', /needs at least one province/],
      ['create --email not-an-address --name C --role admin', /is not an e-mail address/],
    ];
    const results = await Promise.all(cases.map(([args]) => users(args)));
    for (const [i, result] of results.entries()) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(cases[i]?.[1] ?? /never/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await database.db.select().from(usersTable)).toHaveLength(2);
    const usage = await users('create --email c@example.org');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--name is required');
  });

  it('prints a personal API token alone on the last line, lists and revokes it', async () => {
    const created = await users('token --email budi@example.org');
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    const token = lines.at(-1) ?? '';
    expect(token).toMatch(/^sua_[\w-]{43}$/);
    const row = await tokenRow(token);
    expect(row).toMatchObject({ userId: (await userRow('budi@example.org')).id, revokedAt: null });
    const prefix = row?.prefix ?? '?';
    expect(token.startsWith(prefix)).toBe(true);

    const listed = await users('token --email budi@example.org --list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/PREFIX\s+CREATED\s+LAST USED\s+REVOKED/);
    expect(listed.stdout).toMatch(
      new RegExp(`${prefix}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\s+never\\s+no`),
    );

    expect((await users('token --email budi@example.org --revoke --prefix sua_nope')).code).toBe(1);
    const revoked = await users(`token --email budi@example.org --revoke --prefix ${prefix}`);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked 1 API token of budi@example.org.');
    expect((await tokenRow(token))?.revokedAt).toBeInstanceOf(Date);
  });

  it('disables, enables, makes a new link and lists accounts', async () => {
    expect((await users('disable --email budi@example.org')).code).toBe(0);
    expect((await userRow('budi@example.org')).disabledAt).toBeInstanceOf(Date);
    const refused = await users('token --email budi@example.org');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is disabled/);

    const listed = await users('list');
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^EMAIL\s+NAME\s+ROLE\s+PROVINCES\s+2FA\s+PASSWORD\s+DISABLED$/);
    expect(rows[0]).toMatch(/^ada@example\.org\s+Ada\s+admin\s+all\s+off\s+no\s+no$/);
    expect(rows[1]).toMatch(
      /^budi@example\.org\s+Budi Santoso\s+secretariat\s+11,64\s+off\s+no\s+\d{4}-.* UTC$/,
    );

    expect((await users('enable --email budi@example.org')).code).toBe(0);
    expect((await userRow('budi@example.org')).disabledAt).toBeNull();

    const reset = await users('reset-link --email budi@example.org');
    expect(reset.code).toBe(0);
    expect(reset.stdout.trimEnd().split('\n').at(-1)).toMatch(/\/triage\/set-password\?token=[\w-]{43}$/);
    const unknown = await users('reset-link --email nobody@example.org');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('suara users: no user with e-mail nobody@example.org');
  });

  it('shows help, and says in one line when Postgres cannot be reached', async () => {
    const help = await users('--help');
    expect(help.code).toBe(0);
    for (const sub of ['create', 'list', 'disable', 'enable', 'reset-link', 'token']) {
      expect(help.stdout).toContain(`suara users ${sub}`);
    }
    const tokenHelp = await users('help token');
    expect(tokenHelp.stdout).toContain('--revoke [--prefix <prefix>]');
    expect(tokenHelp.stdout).not.toContain('users create');

    const down = await users('list', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/suara' });
    expect(down.code).toBe(1);
    expect(down.stderr.trim()).toMatch(/^Cannot reach Postgres at 127\.0\.0\.1:1\/suara .*Start Postgres/);
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });
});
