import { mkdirSync } from 'node:fs';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel-module.js';
import { SCREENSHOTS } from '../support/browser-stack.js';
import { hasChromium, launchChromium } from '../support/launch-chromium.js';
import { createStaff, STAFF_PASSWORD } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import type { FakeWhatsappSocket } from '../support/whatsapp-web-fake-socket.js';
import {
  confirmOnPhone,
  type LinkApp,
  startLinkApp,
  startWorkerChannel,
} from '../support/whatsapp-web-link-app.js';

const QR = '2@BrowserQrValue0001,abcDEF+/=,ghiJKL,1';
const NEXT_QR = '2@BrowserQrValue0002,mnoPQR+/=,stuVWX,1';

async function modulesOf(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'L', margin: 2 });
  return /<path stroke="[^"]*" d="([^"]*)"/.exec(svg)?.[1] ?? 'none';
}

describe.runIf(hasChromium)('linking WhatsApp Web from the workspace in headless Chromium', () => {
  let stack: TestStack;
  let linkApp: LinkApp;
  let worker: { channel: Channel; sockets: FakeWhatsappSocket[] };
  let browser: Browser;
  let url: string;
  const problems: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({
      env: { WHATSAPP_WEB_ENABLED: 'true', WHATSAPP_WEB_LOCK_TTL_SECONDS: '3' },
    });
    await createStaff(stack, {
      email: 'admin@suara.example',
      role: 'admin',
      provinces: [],
      name: 'Dewi Admin',
    });
    linkApp = await startLinkApp(stack);
    worker = await startWorkerChannel(stack);
    url = await linkApp.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.channel.stop?.();
    await linkApp?.app.close();
    await stack?.close();
  });

  it('shows the QR code, follows WhatsApp’s next one by itself, and ends on “linked”', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A CSP violation (an inline script, say) shows up as a console error.
    page.on('console', (message) => {
      // Failed requests are checked by address below (the browser asks for a favicon Suara has none of).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
        problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${url}/triage`);
    await page.fill('#email', 'admin@suara.example');
    await page.fill('#password', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${url}/triage/login/code`);
    const secret = (await page.locator('[data-testid=totp-secret]').textContent()) ?? '';
    await page.fill('#code', await generate({ secret: secret.trim() }));
    await page.click('form[action="/triage/login/code"] button[type=submit]');
    await page.waitForURL(`${url}/triage`);

    await page.click('header nav a:has-text("WhatsApp Web")');
    await page.waitForURL(`${url}/triage/channels/whatsapp-web`);
    expect(await page.locator('[data-testid=link-state]').textContent()).toContain('Belum tertaut');
    await page.click('form[data-action=link-qr] button[type=submit]');
    await page.waitForURL(`${url}/triage/channels/whatsapp-web`);
    await waitFor(async () => linkApp.sockets.length === 1);

    // WhatsApp offers a code after the page loaded: only the page's script can bring it in.
    linkApp.latest().emit('connection.update', { qr: QR });
    const qr = page.locator('[data-testid=qr] svg.qr path[stroke]');
    await qr.waitFor({ timeout: 10_000 });
    expect(await qr.getAttribute('d')).toBe(await modulesOf(QR));
    const box = await page.locator('[data-testid=qr] svg.qr').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(200);
    await page.screenshot({ path: `${SCREENSHOTS}/whatsapp-web-link.png`, fullPage: true });
    // On a phone (an admin may link from one): no sideways scrolling, and a QR code still big enough to scan.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const phoneBox = await page.locator('[data-testid=qr] svg.qr').boundingBox();
    expect(phoneBox?.width).toBeGreaterThanOrEqual(200);
    expect((phoneBox?.x ?? -1) >= 0 && (phoneBox?.x ?? 0) + (phoneBox?.width ?? 0) <= 390).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/whatsapp-web-link-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    linkApp.latest().emit('connection.update', { qr: NEXT_QR });
    const next = await modulesOf(NEXT_QR);
    await expect.poll(() => qr.getAttribute('d'), { timeout: 10_000 }).toBe(next);

    await confirmOnPhone(linkApp, '6281100000094:2@s.whatsapp.net');
    const outcome = page.locator('[data-testid=outcome]');
    await outcome.waitFor({ timeout: 10_000 });
    expect(await outcome.textContent()).toContain('Berhasil ditautkan sebagai +62811…0094');
    expect(await page.locator('[data-testid=qr]').count()).toBe(0);
    await waitFor(async () => worker.sockets.length === 1);
    expect(problems).toEqual([]);
  });
});
