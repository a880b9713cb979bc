import type { Staff } from '../../src/auth/staff.js';
import type { Role } from '../../src/db/schema/users.js';
import type { TestStack } from './test-stack.js';

export const STAFF_PASSWORD = 'correct horse battery';

/** Creates a user through the real service and sets their password through their one-time link. */
export async function createStaff(
  stack: TestStack,
  options: { email: string; role: Role; provinces: string[]; name?: string },
): Promise<{ id: string; email: string }> {
  const { userAdmin } = stack.workspace;
  const created = await userAdmin.createUser(
    { userId: null, label: 'test' },
    {
      email: options.email,
      name: options.name ?? options.email.split('@')[0] ?? 'Staff',
      role: options.role,
      provinces: options.provinces,
    },
  );
  if (!created.ok) throw new Error(created.error);
  const token = new URL(created.value.link).searchParams.get('token') ?? '';
  const set = await userAdmin.setPasswordWithLink(token, STAFF_PASSWORD, '127.0.0.1');
  if (!set.ok) throw new Error(set.error);
  return { id: created.value.user.id, email: created.value.user.email };
}

/** Signs in over HTTP; returns the session cookie and the page's CSRF token. */
export async function signInOverHttp(
  stack: TestStack,
  email: string,
): Promise<{ cookie: string; csrf: string }> {
  const response = await stack.app.inject({
    method: 'POST',
    url: '/triage/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password: STAFF_PASSWORD }).toString(),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in answered ${response.statusCode}`);
  const setCookie = String(response.headers['set-cookie'] ?? '');
  const cookie = setCookie.split(';')[0] ?? '';
  const page = await stack.app.inject({ method: 'GET', url: '/triage', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie, csrf };
}

/** A staff member created through the real service, as the workspace services receive one from a token. */
export async function createStaffActor(
  stack: TestStack,
  options: { email: string; role: Role; provinces: string[]; name?: string },
): Promise<Staff> {
  const user = await createStaff(stack, options);
  return {
    userId: user.id,
    email: user.email,
    name: options.name ?? options.email,
    role: options.role,
    provinces: options.provinces,
    language: 'id',
    via: 'token',
    sessionId: null,
    csrfToken: null,
  };
}
