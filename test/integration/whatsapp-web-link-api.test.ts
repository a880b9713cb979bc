import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWhatsappWebAuthStore } from '../../src/channels/whatsapp-web/whatsapp-web-auth-store.js';
import { signInAdminOverHttp } from '../support/admin-session.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { confirmOnPhone, type LinkApp, startLinkApp } from '../support/whatsapp-web-link-app.js';

const API = '/api/v1/channels/whatsapp-web';
const QR_TEXT = '2@ApiQrSecretValue0003,abcDEF+/=,ghiJKL,1';
const LINKED_JID = '6281100000097:2@s.whatsapp.net';

interface Overview {
  linked: boolean;
  linkedAs: string | null;
  connectionKind: string;
  attempt: { phase: string; method: string; code: string | null; error: string | null } | null;
}

describe('the WhatsApp Web link in the JSON API', () => {
  let stack: TestStack;
  let linkApp: LinkApp;
  let adminBearer: Record<string, string>;
  let adminSession: { cookie: string; csrf: string };
  let secretariat: { cookie: string; csrf: string };
  let secretariatBearer: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack({
      env: { WHATSAPP_WEB_ENABLED: 'true', WHATSAPP_WEB_LOCK_TTL_SECONDS: '3' },
    });
    const actor = { userId: null, label: 'test' };
    await createStaff(stack, { email: 'admin@example.org', role: 'admin', provinces: [] });
    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    const tokenOf = async (email: string) => {
      const token = await stack.workspace.userAdmin.createApiToken(actor, email);
      if (!token.ok) throw new Error(token.error);
      return { authorization: `Bearer ${token.value}` };
    };
    adminBearer = await tokenOf('admin@example.org');
    secretariatBearer = await tokenOf('kaltim@example.org');
    adminSession = await signInAdminOverHttp(stack, 'admin@example.org');
    secretariat = await signInOverHttp(stack, 'kaltim@example.org');
    linkApp = await startLinkApp(stack);
  }, 120_000);
  afterAll(async () => {
    await linkApp?.app.close();
    await stack?.close();
  });

  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    linkApp.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const overview = async () => {
    const response = await call('GET', API, adminBearer);
    expect(response.statusCode).toBe(200);
    return response.json<Overview>();
  };
  const auditActions = async () =>
    (
      await stack.database.pool.query<{ action: string }>(
        `select action from audit_log where action like 'whatsapp_web.%' order by id`,
      )
    ).rows.map((row) => row.action);

  it('answers 403 to secretariat staff by cookie and by token, and 401 to nobody', async () => {
    const callers = [{ cookie: secretariat.cookie, 'x-csrf-token': secretariat.csrf }, secretariatBearer];
    for (const headers of callers) {
      expect((await call('GET', API, headers)).statusCode).toBe(403);
      const start = await call('POST', `${API}/link`, headers, { method: 'qr' });
      expect(start.statusCode).toBe(403);
      expect(start.json()).toEqual({ error: 'forbidden', message: 'Your role does not allow this.' });
      expect((await call('DELETE', `${API}/link`, headers)).statusCode).toBe(403);
    }
    const anonymous = await call('GET', API, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toBe('unauthorized');
    expect(linkApp.sockets).toHaveLength(0);
  });

  it('refuses a start by session cookie without the CSRF token, and takes one with it', async () => {
    const cookie = { cookie: adminSession.cookie };
    const refused = await call('POST', `${API}/link`, cookie, { method: 'qr' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('csrf');
    expect((await call('DELETE', `${API}/link`, cookie)).statusCode).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(linkApp.sockets).toHaveLength(0);
    expect(await auditActions()).toEqual([]);

    // Reading needs no CSRF token; with the token in the header, a start and a cancel go through.
    expect((await call('GET', API, cookie)).json<Overview>()).toMatchObject({ linked: false, attempt: null });
    const withCsrf = { ...cookie, 'x-csrf-token': adminSession.csrf };
    const started = await call('POST', `${API}/link`, withCsrf, { method: 'qr' });
    expect(started.statusCode).toBe(202);
    expect(started.json<Overview>().attempt).toMatchObject({ phase: 'starting', method: 'qr', code: null });
    await waitFor(async () => linkApp.sockets.length === 1);
    expect((await call('DELETE', `${API}/link`, withCsrf)).statusCode).toBe(200);
    const over = await waitFor(async () => {
      const next = await overview();
      return next.attempt?.phase === 'failed' ? next : null;
    });
    expect(over.attempt?.error).toBe('cancelled');
    expect(linkApp.latest().ended).toBe(true);
  });

  it('lets an admin with a token link by QR: the current QR text, one attempt at a time, cancel', async () => {
    const started = await call('POST', `${API}/link`, adminBearer, { method: 'qr' });
    expect(started.statusCode).toBe(202);
    expect(started.headers['cache-control']).toBe('no-store');
    await waitFor(async () => linkApp.sockets.length === 2);

    linkApp.latest().emit('connection.update', { qr: QR_TEXT });
    const shown = await waitFor(async () => {
      const next = await overview();
      return next.attempt?.phase === 'qr' ? next : null;
    });
    // The client draws the QR itself: it gets WhatsApp's text.
    expect(shown.attempt?.code).toBe(QR_TEXT);

    const busy = await call('POST', `${API}/link`, adminBearer, { method: 'qr' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toEqual({ error: 'busy', message: 'Another linking attempt is running.' });
    expect(linkApp.sockets).toHaveLength(2);

    expect((await call('DELETE', `${API}/link`, adminBearer)).statusCode).toBe(200);
    await waitFor(async () => (await overview()).attempt?.phase === 'failed');
    const again = await call('DELETE', `${API}/link`, adminBearer);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('not_running');
    expect((await overview()).attempt?.code).toBeNull();
  });

  it('links by pairing code, then refuses to replace the number unless asked to', async () => {
    const badPhone = await call('POST', `${API}/link`, adminBearer, {
      method: 'pairing-code',
      phoneNumber: '0812',
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error).toBe('bad_phone');
    const badMethod = await call('POST', `${API}/link`, adminBearer, { method: 'sms' });
    expect(badMethod.statusCode).toBe(400);
    expect(badMethod.json().error).toBe('bad_request');

    const started = await call('POST', `${API}/link`, adminBearer, {
      method: 'pairing-code',
      phoneNumber: '+62 811-0000-0097',
    });
    expect(started.statusCode).toBe(202);
    await waitFor(async () => linkApp.sockets.length === 3);
    const socket = linkApp.latest();
    socket.emit('connection.update', { qr: '2@ApiReadyForPairing,xyz' });
    const shown = await waitFor(async () => {
      const next = await overview();
      return next.attempt?.phase === 'pairing-code' ? next : null;
    });
    expect(socket.pairingRequests).toEqual(['6281100000097']);
    expect(shown.attempt?.code).toBe('ABCD1234');

    await confirmOnPhone(linkApp, LINKED_JID);
    const linked = await waitFor(async () => {
      const next = await overview();
      return next.attempt?.phase === 'linked' ? next : null;
    });
    expect(linked).toMatchObject({ linked: true, linkedAs: '+62811…0097' });
    expect(linked.attempt?.code).toBeNull();
    const store = createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'default');
    expect(await store.isLinked()).toBe(true);

    const refused = await call('POST', `${API}/link`, adminBearer, { method: 'qr' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('already_linked');
    expect(await store.isLinked()).toBe(true);
    const replaced = await call('POST', `${API}/link`, adminBearer, { method: 'qr', replace: true });
    expect(replaced.statusCode).toBe(202);
    await waitFor(async () => linkApp.sockets.length === 5);
    expect(await store.isLinked()).toBe(false);
    expect((await call('DELETE', `${API}/link`, adminBearer)).statusCode).toBe(200);
    await waitFor(async () => (await overview()).attempt?.phase === 'failed');

    const cancelled = ['whatsapp_web.link_start', 'whatsapp_web.link_cancel', 'whatsapp_web.link_failed'];
    const linkedOnce = ['whatsapp_web.link_start', 'whatsapp_web.link_succeeded'];
    expect(await auditActions()).toEqual([...cancelled, ...cancelled, ...linkedOnce, ...cancelled]);
  });

  it('lists the routes in the OpenAPI document, and keeps the codes out of the logs', async () => {
    const doc = (await call('GET', '/api/docs', {})).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths[API] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths[`${API}/link`] ?? {}).sort()).toEqual(['delete', 'post']);
    expect(JSON.stringify(doc.paths[`${API}/link`])).toContain('pairing-code');

    const logs = stack.logs.join('\n');
    expect(logs).toContain('number linked from the workspace');
    for (const secret of ['ApiQrSecretValue', 'ApiReadyForPairing', 'ABCD1234', '6281100000097'])
      expect(logs).not.toContain(secret);
  });
});
