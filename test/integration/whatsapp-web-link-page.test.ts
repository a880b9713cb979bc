import type { LightMyRequestResponse } from 'fastify';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel-module.js';
import { createWhatsappWebAuthStore } from '../../src/channels/whatsapp-web/whatsapp-web-auth-store.js';
import { signInAdminOverHttp } from '../support/admin-session.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { closeWith, type FakeWhatsappSocket } from '../support/whatsapp-web-fake-socket.js';
import { storeLinkedCreds } from '../support/whatsapp-web-link.js';
import {
  confirmOnPhone,
  type LinkApp,
  startLinkApp,
  startWorkerChannel,
} from '../support/whatsapp-web-link-app.js';

const PAGE = '/triage/channels/whatsapp-web';
const FIRST_QR = '2@FirstQrSecretValue0001,abcDEF+/=,ghiJKL,1';
const SECOND_QR = '2@SecondQrSecretValue0002,mnoPQR+/=,stuVWX,1';
const LINKED_JID = '6281100000095:4@s.whatsapp.net';
const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** The modules path of the QR code the `qrcode` package draws for this text: what the page must show. */
async function modulesOf(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
  return /<path stroke="[^"]*" d="([^"]*)"/.exec(svg)?.[1] ?? 'none';
}

describe('linking the WhatsApp Web number from the admin workspace', () => {
  let stack: TestStack;
  let linkApp: LinkApp;
  let worker: { channel: Channel; sockets: FakeWhatsappSocket[] };
  let admin: { cookie: string; csrf: string };
  let secretariat: { cookie: string; csrf: string };

  beforeAll(async () => {
    stack = await startTestStack({
      env: { WHATSAPP_WEB_ENABLED: 'true', WHATSAPP_WEB_LOCK_TTL_SECONDS: '3' },
    });
    await createStaff(stack, { email: 'admin@example.org', role: 'admin', provinces: [], name: 'Dewi' });
    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    admin = await signInAdminOverHttp(stack, 'admin@example.org');
    secretariat = await signInOverHttp(stack, 'kaltim@example.org');
    linkApp = await startLinkApp(stack);
    // A worker is running with no number linked: it stands by until one is.
    worker = await startWorkerChannel(stack);
  }, 120_000);
  afterAll(async () => {
    await worker?.channel.stop?.();
    await linkApp?.app.close();
    await stack?.close();
  });

  const get = (url: string, headers: Record<string, string> = { cookie: admin.cookie }) =>
    linkApp.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  const post = (
    url: string,
    fields: Record<string, string>,
    session = admin,
    withCsrf = true,
  ): Promise<LightMyRequestResponse> =>
    linkApp.app.inject({
      method: 'POST',
      url,
      headers: { ...form, cookie: session.cookie },
      payload: new URLSearchParams({ ...(withCsrf ? { _csrf: session.csrf } : {}), ...fields }).toString(),
    });
  const refresh = async () => {
    const response = await get(`${PAGE}/link`, { cookie: admin.cookie, accept: 'application/json' });
    expect(response.statusCode).toBe(200);
    return response.json<{ running: boolean; phase: string | null; html: string }>();
  };
  const auditRows = async () =>
    (
      await stack.database.pool.query<{ action: string; actor: string; after: unknown; subject_id: string }>(
        `select action, actor, after, subject_id from audit_log where action like 'whatsapp_web.%' order by id`,
      )
    ).rows;

  it('is for admins only, and linked from the admins’ menu', async () => {
    const page = await get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${PAGE}"`);
    expect(page.body).toContain('Belum tertaut');
    expect(page.body).toContain('<script src="/triage/assets/whatsapp-web-link.js" defer></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<]/);

    const menu = await get('/triage', { cookie: secretariat.cookie });
    expect(menu.body).not.toContain(`href="${PAGE}"`);
    expect((await get(PAGE, { cookie: secretariat.cookie })).statusCode).toBe(403);
    expect((await get(`${PAGE}/link`, { cookie: secretariat.cookie })).statusCode).toBe(403);
    expect((await post(`${PAGE}/link`, { method: 'qr' }, secretariat)).statusCode).toBe(403);
    const anonymous = await get(PAGE, {});
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/triage/login');
    expect(linkApp.sockets).toHaveLength(0);
  });

  it('refuses a start without the CSRF token, and audits nothing', async () => {
    const refused = await post(`${PAGE}/link`, { method: 'qr' }, admin, false);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('This form has expired or came from another site');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(linkApp.sockets).toHaveLength(0);
    expect(await auditRows()).toEqual([]);
  });

  it('shows WhatsApp’s current QR code as SVG until the phone confirms, then the worker connects', async () => {
    const started = await post(`${PAGE}/link`, { method: 'qr' });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe(PAGE);
    await waitFor(async () => linkApp.sockets.length === 1);
    expect((await refresh()).phase).toBe('starting');
    expect((await get(PAGE)).body).toContain('Menunggu kode QR dari WhatsApp');

    linkApp.latest().emit('connection.update', { qr: FIRST_QR });
    const first = await waitFor(async () => {
      const body = (await get(PAGE)).body;
      return body.includes('data-testid="qr"') ? body : null;
    });
    expect(first).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="qr" viewBox="0 0 \d+ \d+"/);
    expect(first).toContain(`d="${await modulesOf(FIRST_QR)}"`);
    expect(first).toContain('data-running="true"');
    // The QR text itself is never in the page, only its drawing.
    expect(first).not.toContain('FirstQrSecretValue');

    // WhatsApp offers a new code: the script's JSON answer carries the new drawing.
    linkApp.latest().emit('connection.update', { qr: SECOND_QR });
    const second = await waitFor(async () => {
      const next = await refresh();
      return next.html.includes(await modulesOf(SECOND_QR)) ? next : null;
    });
    expect(second).toMatchObject({ running: true, phase: 'qr' });
    expect(second.html).not.toContain(await modulesOf(FIRST_QR));

    // Only one attempt at a time.
    const busy = await post(`${PAGE}/link`, { method: 'qr' });
    expect(busy.statusCode).toBe(409);
    expect(busy.body).toContain('Penautan lain sedang berjalan');
    expect(linkApp.sockets).toHaveLength(1);

    await confirmOnPhone(linkApp, LINKED_JID);
    const done = await waitFor(async () => {
      const next = await refresh();
      return next.running ? null : next;
    });
    expect(done.phase).toBe('linked');
    expect(done.html).toContain('Berhasil ditautkan sebagai +62811…0095');
    expect(done.html).not.toContain('data-testid="qr"');
    expect(
      await createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'default').isLinked(),
    ).toBe(true);

    // The worker standing by takes the connection with the new credentials.
    await waitFor(async () => worker.sockets.length === 1);
    expect(worker.sockets[0]?.auth.creds.me?.id).toBe(LINKED_JID);
    worker.sockets[0]?.emit('connection.update', { connection: 'open' });
    await waitFor(async () => (await worker.channel.health?.())?.default === 'ok');
    const page = (await get(PAGE)).body;
    expect(page).toContain('Tertaut sebagai +62811…0095');
    expect(page).toMatch(/data-testid="connection">terhubung/);
    expect(page).toMatch(/data-testid="holder">[^<]+ pid \d+</);

    const rows = await auditRows();
    expect(rows.map((row) => row.action)).toEqual(['whatsapp_web.link_start', 'whatsapp_web.link_succeeded']);
    expect(rows.every((row) => row.actor === 'admin@example.org' && row.subject_id === 'default')).toBe(true);
    expect(rows[0]?.after).toEqual({ method: 'qr', relink: false });
    expect(rows[1]?.after).toEqual({ method: 'qr', linkedAs: '+62811…0095' });
  });

  it('refuses to link while a worker holds the connection, naming the process', async () => {
    const refused = await post(`${PAGE}/link`, { method: 'qr', relink: 'true' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toMatch(/Sebuah proses Suara memegang koneksi \([^)]+ pid \d+\)/);
    expect(linkApp.sockets).toHaveLength(2);
  });

  it('after WhatsApp logged the number out, links again by pairing code, and records a cancel', async () => {
    closeWith(worker.sockets[0] as FakeWhatsappSocket, 401);
    await waitFor(async () => (await get(PAGE)).body.includes('Dikeluarkan oleh WhatsApp'));

    const badPhone = await post(`${PAGE}/link`, { method: 'pairing-code', phone: '0812' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('kode negara');

    expect(
      (await post(`${PAGE}/link`, { method: 'pairing-code', phone: '+62 811-0000-0096' })).statusCode,
    ).toBe(303);
    await waitFor(async () => linkApp.sockets.length === 3);
    const socket = linkApp.latest();
    socket.emit('connection.update', { qr: '2@ReadyForPairing,xyz' });
    const shown = await waitFor(async () => {
      const next = await refresh();
      return next.phase === 'pairing-code' ? next : null;
    });
    expect(socket.pairingRequests).toEqual(['6281100000096']);
    expect(shown.html).toContain('data-testid="pairing-code">ABCD1234<');
    expect(shown.html).not.toContain('<svg');

    expect((await post(`${PAGE}/link/cancel`, {})).statusCode).toBe(303);
    const over = await waitFor(async () => {
      const next = await refresh();
      return next.running ? null : next;
    });
    expect(over.phase).toBe('failed');
    expect(over.html).toContain('Gagal menautkan: cancelled');
    expect(socket.ended).toBe(true);
    expect((await post(`${PAGE}/link/cancel`, {})).statusCode).toBe(409);

    const actions = (await auditRows()).map((row) => row.action);
    expect(actions.slice(2), JSON.stringify(await auditRows())).toEqual([
      'whatsapp_web.link_start',
      'whatsapp_web.link_cancel',
      'whatsapp_web.link_failed',
    ]);
    const start = (await auditRows())[2];
    // The forum's own number, shortened; never a citizen's.
    expect(start?.after).toEqual({ method: 'pairing-code', relink: false, phone: '+62811…0096' });
  });

  it('replaces a linked number only when asked to, while no worker holds it', async () => {
    await worker.channel.stop?.();
    await storeLinkedCreds(stack.database.db, stack.services.cipher);
    const store = createWhatsappWebAuthStore(stack.database.db, stack.services.cipher, 'default');
    const refused = await post(`${PAGE}/link`, { method: 'qr' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Nomor sudah tertaut');
    expect(await store.isLinked()).toBe(true);

    const before = linkApp.sockets.length;
    expect((await post(`${PAGE}/link`, { method: 'qr', relink: 'true' })).statusCode).toBe(303);
    await waitFor(async () => linkApp.sockets.length === before + 1);
    // As the command does: the old link is forgotten before a new one is made.
    expect(await store.isLinked()).toBe(false);
    expect((await post(`${PAGE}/link/cancel`, {})).statusCode).toBe(303);
    await waitFor(async () => !(await refresh()).running);
    const rows = await auditRows();
    expect(rows.at(-3)?.after).toEqual({ method: 'qr', relink: true });
    expect(rows.at(-1)?.action).toBe('whatsapp_web.link_failed');
  });

  it('shows the page in English to an admin who chose English', async () => {
    await linkApp.app.inject({
      method: 'POST',
      url: '/api/v1/me/language',
      headers: { ...form, cookie: admin.cookie },
      payload: new URLSearchParams({ _csrf: admin.csrf, language: 'en' }).toString(),
    });
    const page = (await get(PAGE)).body;
    expect(page).toContain('Link with a QR code');
    expect(page).toContain('Not linked: cancelled');
    expect(page).not.toContain('Tautkan dengan kode QR');
  });

  it('keeps QR codes and pairing codes out of the logs and the audit log', async () => {
    const logs = stack.logs.join('\n');
    expect(logs).toContain('number linked from the workspace');
    for (const secret of ['FirstQrSecretValue', 'SecondQrSecretValue', 'ReadyForPairing', 'ABCD1234']) {
      expect(logs).not.toContain(secret);
      expect(JSON.stringify(await auditRows())).not.toContain(secret);
    }
    expect(logs).not.toContain('6281100000096');
  });
});
