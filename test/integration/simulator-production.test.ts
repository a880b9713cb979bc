import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

/** In production the simulator is a staff tool: no session, no simulator; a viewer may not drive it. */
describe('web simulator in production', () => {
  let stack: TestStack;
  let secretariat: { cookie: string; csrf: string };
  let viewer: { cookie: string; csrf: string };

  beforeAll(async () => {
    stack = await startTestStack({
      env: { NODE_ENV: 'production', SIMULATOR_ENABLED: 'true', PUBLIC_URL: 'https://suara.example.org' },
    });
    await stack.startConversationWorkers();
    await createStaff(stack, { email: 'sekretariat@example.org', role: 'secretariat', provinces: ['64'] });
    await createStaff(stack, { email: 'pemantau@example.org', role: 'viewer', provinces: ['64'] });
    secretariat = await signInOverHttp(stack, 'sekretariat@example.org');
    viewer = await signInOverHttp(stack, 'pemantau@example.org');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const message = { from: '+628555000333', channel: 'sms', text: 'halo' };

  it('sends an anonymous visitor to sign in and refuses its messages and transcripts', async () => {
    const page = await stack.app.inject({
      method: 'GET',
      url: '/simulator',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/triage\/login/);
    const send = await stack.app.inject({ method: 'POST', url: '/simulator/messages', payload: message });
    expect(send.statusCode).toBe(401);
    const list = await stack.app.inject({
      method: 'GET',
      url: '/simulator/messages',
      query: { from: message.from, channel: 'sms' },
    });
    expect(list.statusCode).toBe(401);
  });

  it('refuses a viewer, whose role is read-only', async () => {
    const page = await stack.app.inject({
      method: 'GET',
      url: '/simulator',
      headers: { cookie: viewer.cookie },
    });
    expect(page.statusCode).toBe(403);
  });

  it('lets signed-in secretariat staff converse, with the CSRF token the page carries', async () => {
    const page = await stack.app.inject({
      method: 'GET',
      url: '/simulator',
      headers: { cookie: secretariat.cookie },
    });
    expect(page.statusCode).toBe(200);
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1];
    expect(token).toBeTruthy();
    const forged = await stack.app.inject({
      method: 'POST',
      url: '/simulator/messages',
      headers: { cookie: secretariat.cookie },
      payload: message,
    });
    expect(forged.statusCode).toBe(403);
    const sent = await stack.app.inject({
      method: 'POST',
      url: '/simulator/messages',
      headers: { cookie: secretariat.cookie, 'x-csrf-token': token ?? '' },
      payload: message,
    });
    expect(sent.statusCode).toBe(202);
    const reply = await waitFor(async () => {
      const list = await stack.app.inject({
        method: 'GET',
        url: '/simulator/messages',
        query: { from: message.from, channel: 'sms' },
        headers: { cookie: secretariat.cookie },
      });
      const outbound = (list.json() as { messages: { direction: string }[] }).messages.filter(
        (m) => m.direction === 'outbound',
      );
      return outbound.length > 0 ? outbound : null;
    });
    expect(reply.length).toBeGreaterThan(0);
  });
});
