import type { LightMyRequestResponse } from 'fastify';
import { signInAdminOverHttp } from './admin-session.js';
import { createStaff } from './staff-accounts.js';
import { startTestStack, type TestStack } from './test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in.js';

export interface AdminFixture {
  stack: TestStack;
  adminId: string;
  /** `Authorization` header of the admin's personal API token. */
  adminBearer: Record<string, string>;
  /** The admin's browser session, signed in through the TOTP step. */
  session: { cookie: string; csrf: string };
  api(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  /** Posts an HTML form (repeated fields as arrays) with the admin's cookie and CSRF token, as a browser does. */
  postForm(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/**
 * A stack with an admin (admin@example.org, by token and by TOTP session) and a secretariat member
 * (kaltim@example.org, province 64). Conversation workers run against a local Twilio stand-in, so a
 * citizen's replies never leave the machine.
 */
export async function startAdminFixture(): Promise<AdminFixture> {
  const standIn: TwilioStandIn = await startTwilioStandIn();
  const stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url } });
  await stack.startConversationWorkers();
  const admin = await createStaff(stack, { email: 'admin@example.org', role: 'admin', provinces: [] });
  await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
  const token = await stack.workspace.userAdmin.createApiToken({ userId: null, label: 'test' }, admin.email);
  if (!token.ok) throw new Error(token.error);
  const session = await signInAdminOverHttp(stack, admin.email);
  return {
    stack,
    adminId: admin.id,
    adminBearer: { authorization: `Bearer ${token.value}` },
    session,
    api: (method, url, headers, payload) =>
      stack.app.inject({ method, url, headers, ...(payload ? { payload } : {}) }),
    postForm(url, fields) {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries({ _csrf: session.csrf, ...fields }))
        for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
      return stack.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM_HEADERS, cookie: session.cookie },
        payload: body.toString(),
      });
    },
    async close() {
      await stack.close();
      await standIn.close();
    },
  };
}
