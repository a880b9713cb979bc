import { generate } from 'otplib';
import { STAFF_PASSWORD } from './staff-accounts.js';
import type { TestStack } from './test-stack.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/**
 * Signs an admin in over HTTP the way a person does: password, then TOTP enrolment with the key the
 * second-factor page shows, then a code computed from it. Returns the session cookie and CSRF token.
 */
export async function signInAdminOverHttp(
  stack: TestStack,
  email: string,
): Promise<{ cookie: string; csrf: string }> {
  const login = await stack.app.inject({
    method: 'POST',
    url: '/triage/login',
    headers: form,
    payload: new URLSearchParams({ email, password: STAFF_PASSWORD }).toString(),
  });
  if (login.statusCode !== 303 || login.headers.location !== '/triage/login/code')
    throw new Error(`admin sign-in answered ${login.statusCode} ${String(login.headers.location)}`);
  const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const codePage = await stack.app.inject({ method: 'GET', url: '/triage/login/code', headers: { cookie } });
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(codePage.body)?.[1];
  const pendingCsrf = /name="_csrf" value="([^"]+)"/.exec(codePage.body)?.[1];
  if (!secret || !pendingCsrf) throw new Error('the second-factor page showed no enrolment key');
  const code = await generate({ secret });
  const verified = await stack.app.inject({
    method: 'POST',
    url: '/triage/login/code',
    headers: { ...form, cookie },
    payload: new URLSearchParams({ code, _csrf: pendingCsrf }).toString(),
  });
  if (verified.statusCode !== 303) throw new Error(`TOTP step answered ${verified.statusCode}`);
  const page = await stack.app.inject({ method: 'GET', url: '/triage', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie, csrf };
}
