import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/append-audit.js';
import { type AdminFixture, FORM_HEADERS, startAdminFixture } from '../support/admin-fixture.js';
import { citizenReports } from '../support/citizen-report.js';

const HOSTILE = '<script>alert(1)</script>';

describe('the admin pages: staff accounts by plain forms, and the audit log', () => {
  let fixture: AdminFixture;
  let adminBearer: Record<string, string>;
  let adminId: string;
  let page: { cookie: string; csrf: string };

  beforeAll(async () => {
    fixture = await startAdminFixture();
    ({ adminBearer, adminId, session: page } = fixture);
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });

  const api: AdminFixture['api'] = (...args) => fixture.api(...args);
  const postForm: AdminFixture['postForm'] = (...args) => fixture.postForm(...args);
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

  it('creates, disables and re-links users through the page forms, the link shown once', async () => {
    const list = await api('GET', '/triage/users', { cookie: page.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('kaltim@example.org');
    expect(list.body).toContain('href="/triage/users"');

    const created = await postForm('/triage/users', {
      email: 'sultra@example.org',
      name: `Sultra ${HOSTILE}`,
      role: 'secretariat',
      provinces: ['74', '11'],
      otherProvinces: '12, 72',
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers.location).toBeUndefined();
    const link = /data-testid="one-time-link">([^<]+)</.exec(created.body)?.[1] ?? '';
    expect(link).toMatch(/\/triage\/set-password\?token=/);
    expect(created.body).toContain('Sultra &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(created.body).not.toContain(HOSTILE);
    const stored = (await api('GET', '/api/v1/users', adminBearer))
      .json()
      .items.find((u: { email: string }) => u.email === 'sultra@example.org');
    expect(stored.provinces.sort()).toEqual(['11', '12', '72', '74']);

    const again = await api('GET', '/triage/users', { cookie: page.cookie });
    expect(again.body).not.toContain(tokenOf(link));
    expect(again.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const duplicate = await postForm('/triage/users', {
      email: 'sultra@example.org',
      name: 'X',
      role: 'viewer',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('Pengguna dengan email sultra@example.org sudah ada.');
    expect(duplicate.body).toContain('value="X"'); // the form keeps what was typed

    const disabled = await postForm(`/triage/users/${stored.id}/disabled`, { disabled: 'true' });
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe('/triage/users');
    const after = await api('GET', '/triage/users', { cookie: page.cookie });
    expect(after.body).toMatch(/data-user="sultra@example.org">[\s\S]*?Nonaktif[\s\S]*?Aktifkan/);
    const enabled = await postForm(`/triage/users/${stored.id}/disabled`, { disabled: 'false' });
    expect(enabled.statusCode).toBe(303);
    const listed = await api('GET', '/api/v1/users', adminBearer);
    expect(listed.json().items.find((u: { id: string }) => u.id === stored.id).disabled).toBe(false);

    const relinked = await postForm(`/triage/users/${stored.id}/password-link`, {});
    expect(relinked.statusCode).toBe(200);
    expect(relinked.body).toMatch(
      /data-testid="one-time-link">https:\/\/suara\.example\.org\/triage\/set-password/,
    );

    const self = await postForm(`/triage/users/${adminId}/disabled`, { disabled: 'true' });
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain('Anda tidak dapat menonaktifkan akun Anda sendiri.');
    const noCsrf = await fixture.stack.app.inject({
      method: 'POST',
      url: '/triage/users',
      headers: { ...FORM_HEADERS, cookie: page.cookie },
      payload: 'email=evil%40example.org&name=Evil&role=admin',
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('shows the audit log newest first, filtered, paged, with number reveals highlighted and text escaped', async () => {
    const code = await citizenReports(
      fixture.stack,
      '+6281299900003',
      `${HOSTILE} sungai keruh karena tambang di Kukar`,
    );
    const reveal = await api('POST', `/api/v1/reports/${code}/reveal`, adminBearer, {
      reason: `${HOSTILE} perlu ditelepon`,
    });
    expect(reveal.statusCode).toBe(200);
    const audit = await api('GET', '/triage/audit', { cookie: page.cookie });
    expect(audit.statusCode).toBe(200);
    for (const action of [
      'user.create',
      'user.disable',
      'user.enable',
      'user.password_link',
      'auth.totp_enrolled',
    ])
      expect(audit.body).toContain(`data-action="${action}"`);
    expect(audit.body).not.toContain(HOSTILE);
    expect(audit.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; perlu ditelepon');
    expect(audit.body).toMatch(/<tr class="reveal" data-action="report.reveal_number">/);
    expect(audit.body).toContain(`href="/triage/reports/${code}"`);
    expect(audit.body).toMatch(/WIB<\/time>/);
    const actions = [...audit.body.matchAll(/<tr class="[^"]*" data-action="([^"]+)"/g)].map((m) => m[1]);
    expect(actions[0]).toBe('report.reveal_number'); // newest first

    for (let n = 0; n < 53; n++)
      await recordAudit(fixture.stack.database.db, {
        actorUserId: null,
        actor: 'cli',
        action: 'test.bulk',
        after: { n },
      });
    const first = await api('GET', '/triage/audit?action=test.bulk', { cookie: page.cookie });
    expect(first.body.match(/data-action="test.bulk"/g)).toHaveLength(50);
    expect(first.body).toContain('{&quot;n&quot;:52}');
    const older = /rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(older).toMatch(/^\/triage\/audit\?action=test\.bulk&before=\d+$/);
    const second = await api('GET', older, { cookie: page.cookie });
    expect(second.body.match(/data-action="test.bulk"/g)).toHaveLength(3);
    expect(second.body).toContain('{&quot;n&quot;:0}');
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).not.toContain('data-action="user.create"');
  });

  it("speaks the admin's language: English after they switch", async () => {
    const switched = await api('POST', '/api/v1/me/language', adminBearer, { language: 'en' });
    expect(switched.statusCode).toBe(200);
    const users = await api('GET', '/triage/users', { cookie: page.cookie });
    expect(users.body).toContain('<html lang="en">');
    expect(users.body).toContain('<h2 id="create-user">Add a user</h2>');
    expect(users.body).toContain('>Users</a>');
    const audit = await api('GET', '/triage/audit', { cookie: page.cookie });
    expect(audit.body).toContain('Action (exact, e.g. report.reveal_number)');
    expect(audit.body).toContain('>Older →</a>');
  });
});
