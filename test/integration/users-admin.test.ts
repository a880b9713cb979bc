import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminFixture, FORM_HEADERS, startAdminFixture } from '../support/admin-fixture.js';
import { signInOverHttp } from '../support/staff-accounts.js';

describe('admins manage staff through /api/v1/users; nobody else may', () => {
  let fixture: AdminFixture;
  let adminBearer: Record<string, string>;
  let adminId: string;
  const actor = { userId: null, label: 'test' };

  beforeAll(async () => {
    fixture = await startAdminFixture();
    ({ adminBearer, adminId } = fixture);
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });

  const api: AdminFixture['api'] = (...args) => fixture.api(...args);
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
  const setPassword = (link: string) =>
    fixture.stack.app.inject({
      method: 'POST',
      url: '/triage/set-password',
      headers: FORM_HEADERS,
      payload: new URLSearchParams({ token: tokenOf(link), password: 'correct horse battery' }).toString(),
    });

  it('answers 403 to a non-admin on every users and audit route, by cookie and by token', async () => {
    const kaltim = await signInOverHttp(fixture.stack, 'kaltim@example.org');
    const token = await fixture.stack.workspace.userAdmin.createApiToken(actor, 'kaltim@example.org');
    if (!token.ok) throw new Error(token.error);
    const callers: Record<string, string>[] = [
      { cookie: kaltim.cookie, 'x-csrf-token': kaltim.csrf },
      { authorization: `Bearer ${token.value}` },
    ];
    const routes: ['GET' | 'POST', string, object?][] = [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', { email: 'x@example.org', name: 'X', role: 'admin', provinces: [] }],
      ['POST', `/api/v1/users/${adminId}/disabled`, { disabled: true }],
      ['POST', `/api/v1/users/${adminId}/password-link`, {}],
      ['GET', '/api/v1/audit'],
      ['GET', '/triage/users'],
      ['POST', '/triage/users', { email: 'x@example.org', name: 'X', role: 'admin' }],
      ['POST', `/triage/users/${adminId}/disabled`, { disabled: 'true' }],
      ['POST', `/triage/users/${adminId}/password-link`, {}],
      ['GET', '/triage/audit'],
    ];
    for (const headers of callers)
      for (const [method, url, payload] of routes) {
        const response = await api(method, url, headers, payload);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
      }
    const menu = await api('GET', '/triage', { cookie: kaltim.cookie });
    expect(menu.body).not.toContain('href="/triage/users"');
    expect((await api('GET', '/api/v1/users', {})).statusCode).toBe(401);
  });

  it('creates a user by API with a one-time link that sets the password, and disables and re-links them', async () => {
    const created = await api('POST', '/api/v1/users', adminBearer, {
      email: 'Rina@Example.org',
      name: 'Rina',
      role: 'secretariat',
      provinces: ['64', '74'],
    });
    expect(created.statusCode).toBe(201);
    const { user, link } = created.json();
    expect(user).toMatchObject({ email: 'rina@example.org', role: 'secretariat', provinces: ['64', '74'] });
    expect(user).toMatchObject({ passwordSet: false, totpEnabled: false, disabled: false, language: 'id' });
    expect(link).toMatch(/^https:\/\/suara\.example\.org\/triage\/set-password\?token=/);

    const listed = await api('GET', '/api/v1/users', adminBearer);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(tokenOf(link));
    expect(listed.body).not.toMatch(/passwordHash|totpSecret/);
    expect(listed.json().items.map((u: { email: string }) => u.email)).toContain('rina@example.org');

    expect((await setPassword(link)).statusCode).toBe(303);
    expect((await setPassword(link)).statusCode).toBe(400); // one use only
    const rina = await signInOverHttp(fixture.stack, 'rina@example.org');
    expect((await api('GET', '/api/v1/reports', { cookie: rina.cookie })).statusCode).toBe(200);

    const disabled = await api('POST', `/api/v1/users/${user.id}/disabled`, adminBearer, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user).toMatchObject({ disabled: true, passwordSet: true });
    expect((await api('GET', '/api/v1/reports', { cookie: rina.cookie })).statusCode).toBe(401);
    const enabled = await api('POST', `/api/v1/users/${user.id}/disabled`, adminBearer, { disabled: false });
    expect(enabled.json().user.disabled).toBe(false);

    const relinked = await api('POST', `/api/v1/users/${user.id}/password-link`, adminBearer, {});
    expect(relinked.statusCode).toBe(200);
    expect(relinked.json().link).not.toBe(link);
    expect((await setPassword(relinked.json().link)).statusCode).toBe(303);
  });

  it('refuses bad input, unknown users and duplicate e-mails with the one error shape', async () => {
    const duplicate = await api('POST', '/api/v1/users', adminBearer, {
      email: ' KALTIM@example.org ',
      name: 'Again',
      role: 'viewer',
      provinces: ['64'],
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toEqual({
      error: 'conflict',
      message: 'a user with e-mail kaltim@example.org already exists',
    });
    const noProvince = await api('POST', '/api/v1/users', adminBearer, {
      email: 'new@example.org',
      name: 'New',
      role: 'viewer',
      provinces: [],
    });
    expect(noProvince.statusCode).toBe(400);
    expect(noProvince.json()).toEqual({ error: 'bad_request', message: expect.stringMatching(/province/) });
    const badRole = await api('POST', '/api/v1/users', adminBearer, {
      email: 'a@b.org',
      name: 'A',
      role: 'boss',
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error).toBe('bad_request');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await api('POST', `/api/v1/users/${unknown}/password-link`, adminBearer, {});
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', message: `no user with id ${unknown}` });
    const self = await api('POST', `/api/v1/users/${adminId}/disabled`, adminBearer, { disabled: true });
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toMatch(/your own account/);
  });

  it('lists the users routes in the OpenAPI document', async () => {
    const doc = (await api('GET', '/api/docs', {})).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/users',
        '/api/v1/users/{id}/disabled',
        '/api/v1/users/{id}/password-link',
      ]),
    );
    expect(Object.keys(doc.paths)).not.toContain('/triage/users');
  });
});
