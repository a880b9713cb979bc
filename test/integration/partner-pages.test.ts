import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminFixture, startAdminFixture } from '../support/admin-fixture.js';
import { signInOverHttp } from '../support/staff-accounts.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('the partners admin page: partners and their keys by plain forms', () => {
  let fixture: AdminFixture;

  beforeAll(async () => {
    fixture = await startAdminFixture();
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });

  const exportWith = (key: string) =>
    fixture.stack.app.inject({
      method: 'GET',
      url: '/api/v1/exports/reports?format=jsonl',
      headers: { authorization: `Bearer ${key}` },
    });
  const keyOf = (body: string) => /data-testid="partner-key">([^<]+)</.exec(body)?.[1] ?? '';
  const page = () =>
    fixture.api('GET', '/triage/partners', { cookie: fixture.session.cookie, accept: 'text/html' });

  it('is for admins only', async () => {
    const secretariat = await signInOverHttp(fixture.stack, 'kaltim@example.org');
    const refused = await fixture.api('GET', '/triage/partners', { cookie: secretariat.cookie });
    expect(refused.statusCode).toBe(403);
    const anonymous = await fixture.api('GET', '/triage/partners', { accept: 'text/html' });
    expect(anonymous.statusCode).toBe(303);
    const admin = await page();
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('href="/triage/partners"');
  });

  it('creates a partner, shows its key once, and the key exports within the scope', async () => {
    const created = await fixture.postForm('/triage/partners', {
      name: `Koalisi ${HOSTILE}`,
      contact: 'data@koalisi.example.org',
      provinces: '64, 74',
      categories: 'licensing,revenue',
      withText: 'true',
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = keyOf(created.body);
    expect(key).toMatch(/^sxp_/);
    expect(created.body).not.toContain(HOSTILE);
    expect(created.body).toContain('Koalisi &lt;img src=x onerror=alert(1)&gt;');
    const [stored] = await fixture.stack.workspace.partners.overview();
    expect(stored).toMatchObject({
      provinces: ['64', '74'],
      categories: ['licensing', 'revenue'],
      withText: true,
    });
    expect(stored?.keys).toHaveLength(1);
    expect((await exportWith(key)).statusCode).toBe(200);
    // The key is shown on that one answer only.
    expect((await page()).body).not.toContain(key);
  });

  it('refuses a bad scope with the reason and keeps what was typed', async () => {
    const refused = await fixture.postForm('/triage/partners', {
      name: 'Peneliti',
      provinces: '64',
      categories: 'mining',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('unknown categories: mining');
    expect(refused.body).toContain('value="Peneliti"');
  });

  it('issues a second key for rotation and revokes the first', async () => {
    const [partner] = await fixture.stack.workspace.partners.overview();
    if (!partner) throw new Error('no partner from the previous test');
    const first = partner.keys[0];
    if (!first) throw new Error('no key');
    const second = await fixture.postForm(`/triage/partners/${partner.id}/keys`, {});
    expect(second.statusCode).toBe(200);
    const newKey = keyOf(second.body);
    expect(newKey).toMatch(/^sxp_/);

    const revoked = await fixture.postForm(`/triage/partners/${partner.id}/keys/revoke`, {
      prefix: first.prefix,
    });
    expect(revoked.statusCode).toBe(303);
    const [after] = await fixture.stack.workspace.partners.overview();
    expect(after?.keys.find((k) => k.prefix === first.prefix)?.revokedAt).toBeInstanceOf(Date);
    expect((await exportWith(newKey)).statusCode).toBe(200);

    const again = await fixture.postForm(`/triage/partners/${partner.id}/keys/revoke`, {
      prefix: first.prefix,
    });
    expect(again.statusCode).toBe(409);
    const audit = await fixture.stack.database.pool.query<{ action: string }>(
      "select action from audit_log where action like 'partner.%' order by id",
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'partner.create',
      'partner.key.create',
      'partner.key.revoke',
    ]);
  });

  it('answers 404 for an unknown partner', async () => {
    const missing = await fixture.postForm('/triage/partners/00000000-0000-4000-8000-000000000000/keys', {});
    expect(missing.statusCode).toBe(404);
  });
});
