import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { citizenReports } from '../support/citizen-report.js';
import { createStaff, STAFF_PASSWORD, signInOverHttp } from '../support/staff-accounts.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('who may see and do what in the triage workspace', () => {
  let stack: TestStack;
  let kaltimCode: string;
  let acehCode: string;
  const actor = { userId: null, label: 'test' };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.startConversationWorkers();
    await createStaff(stack, { email: 'aceh@example.org', role: 'secretariat', provinces: ['11'] });
    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    await createStaff(stack, { email: 'viewer@example.org', role: 'viewer', provinces: ['64'] });
    kaltimCode = await citizenReports(
      stack,
      '+6281299900001',
      'sungai keruh karena tambang batubara di Kukar',
    );
    acehCode = await citizenReports(
      stack,
      '+6281299900002',
      'tambang emas ilegal merusak sungai di Aceh Barat',
    );
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const get = (url: string, headers: Record<string, string>) =>
    stack.app.inject({ method: 'GET', url, headers });

  it("answers 404 for another province's report, by page and by API, exactly as for a missing one", async () => {
    const aceh = await signInOverHttp(stack, 'aceh@example.org');
    const page = await get(`/triage/reports/${kaltimCode}`, { cookie: aceh.cookie });
    expect(page.statusCode).toBe(404);
    const api = await get(`/api/v1/reports/${kaltimCode}`, { cookie: aceh.cookie });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'not_found', message: 'No such report.' });
    expect((await get('/api/v1/reports/ZZZZZZ', { cookie: aceh.cookie })).json()).toEqual(api.json());
    const own = await get(`/api/v1/reports/${acehCode}`, { cookie: aceh.cookie });
    expect(own.statusCode).toBe(200);
    const inbox = await get('/api/v1/reports', { cookie: aceh.cookie });
    expect(inbox.json().items.map((item: { referenceCode: string }) => item.referenceCode)).toEqual([
      acehCode,
    ]);
  });

  it('lets a viewer read but not change anything', async () => {
    const viewer = await signInOverHttp(stack, 'viewer@example.org');
    expect((await get(`/api/v1/reports/${kaltimCode}`, { cookie: viewer.cookie })).statusCode).toBe(200);
    const change = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${kaltimCode}/status`,
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf },
      payload: { status: 'validated' },
    });
    expect(change.statusCode).toBe(403);
  });

  it('refuses a cookie POST without the CSRF token, and accepts it with the token', async () => {
    const kaltim = await signInOverHttp(stack, 'kaltim@example.org');
    const url = `/api/v1/reports/${kaltimCode}/notes`;
    const without = await stack.app.inject({
      method: 'POST',
      url,
      headers: { cookie: kaltim.cookie },
      payload: { text: 'x' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toBe('csrf');
    const withToken = await stack.app.inject({
      method: 'POST',
      url,
      headers: { cookie: kaltim.cookie, 'x-csrf-token': kaltim.csrf },
      payload: { text: 'checked the map' },
    });
    expect(withToken.statusCode).toBe(200);
  });

  it('refuses an illegal status move with a clear message', async () => {
    const kaltim = await signInOverHttp(stack, 'kaltim@example.org');
    const response = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${kaltimCode}/status`,
      headers: { cookie: kaltim.cookie, 'x-csrf-token': kaltim.csrf },
      payload: { status: 'closed', outcome: 'resolved' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/A new report cannot become closed/);
  });

  it("stops a disabled user's session and token at once", async () => {
    const user = await createStaff(stack, {
      email: 'leaving@example.org',
      role: 'secretariat',
      provinces: ['64'],
    });
    const session = await signInOverHttp(stack, user.email);
    const token = await stack.workspace.userAdmin.createApiToken(actor, user.email);
    if (!token.ok) throw new Error(token.error);
    const bearer = { authorization: `Bearer ${token.value}` };
    expect((await get('/api/v1/reports', { cookie: session.cookie })).statusCode).toBe(200);
    expect((await get('/api/v1/reports', bearer)).statusCode).toBe(200);
    await stack.workspace.userAdmin.setDisabled(actor, user.email, true);
    expect((await get('/api/v1/reports', { cookie: session.cookie })).statusCode).toBe(401);
    expect((await get('/api/v1/reports', bearer)).statusCode).toBe(401);
    const page = await get('/triage', { cookie: session.cookie });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/triage\/login/);
  });

  it('locks an account after repeated wrong passwords and audits the attempts', async () => {
    const attempt = (password: string) =>
      stack.app.inject({
        method: 'POST',
        url: '/triage/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email: 'aceh@example.org', password }).toString(),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
    const locked = await attempt('correct horse battery');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const failures = await stack.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.sign_in_failed'));
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it('switches the workspace to English for one user', async () => {
    const viewer = await signInOverHttp(stack, 'viewer@example.org');
    expect((await get('/triage', { cookie: viewer.cookie })).body).toContain('Kotak masuk');
    const switched = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/me/language',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf },
      payload: { language: 'en' },
    });
    expect(switched.json()).toEqual({ ok: true, language: 'en' });
    const page = (await get('/triage', { cookie: viewer.cookie })).body;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Inbox');
    const other = await signInOverHttp(stack, 'kaltim@example.org');
    expect((await get('/triage', { cookie: other.cookie })).body).toContain('Kotak masuk');
  });

  it('signs out everywhere: every session of the user ends', async () => {
    const first = await signInOverHttp(stack, 'viewer@example.org');
    const second = await signInOverHttp(stack, 'viewer@example.org');
    const out = await stack.app.inject({
      method: 'POST',
      url: '/triage/logout-everywhere',
      headers: { cookie: first.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: first.csrf }).toString(),
    });
    expect(out.statusCode).toBe(303);
    expect((await get('/api/v1/reports', { cookie: first.cookie })).statusCode).toBe(401);
    expect((await get('/api/v1/reports', { cookie: second.cookie })).statusCode).toBe(401);
  });

  it('makes an admin enrol TOTP, keeping the same key after a mistyped code', async () => {
    await createStaff(stack, { email: 'admin@example.org', role: 'admin', provinces: [] });
    const signIn = await stack.app.inject({
      method: 'POST',
      url: '/triage/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'admin@example.org', password: STAFF_PASSWORD }).toString(),
    });
    expect(signIn.headers.location).toBe('/triage/login/code');
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    // Nothing but the code page until the code is given.
    expect((await get('/api/v1/reports', { cookie })).statusCode).toBe(401);
    const page = await get('/triage/login/code', { cookie });
    const secretOf = (body: string) => /data-testid="totp-secret">([A-Z2-7]+)</.exec(body)?.[1] ?? '';
    const secret = secretOf(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const submit = (code: string) =>
      stack.app.inject({
        method: 'POST',
        url: '/triage/login/code',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, code }).toString(),
      });
    const wrong = await submit('000000');
    expect(wrong.statusCode).toBe(401);
    expect(secretOf(wrong.body)).toBe(secret);
    const right = await submit(await generate({ secret }));
    expect(right.headers.location).toBe('/triage');
    expect((await get('/api/v1/reports', { cookie })).statusCode).toBe(200);
  });

  it('refuses a sign-in form posted from another site', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: '/triage/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: new URLSearchParams({
        email: 'kaltim@example.org',
        password: 'correct horse battery',
      }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const doc = (await get('/api/docs', {})).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/reports',
        '/api/v1/reports/{referenceCode}',
        '/api/v1/reports/{referenceCode}/status',
      ]),
    );
  });
});
