import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, SCREENSHOTS, startBrowserStack } from '../support/browser-stack.js';
import { citizenReports, citizenSends } from '../support/citizen-report.js';
import { hasChromium } from '../support/launch-chromium.js';
import { createStaff, STAFF_PASSWORD } from '../support/staff-accounts.js';
import { type TestStack, waitFor } from '../support/test-stack.js';
import type { TwilioStandIn } from '../support/twilio-stand-in.js';

const SHOTS = SCREENSHOTS;
const CITIZEN = '+6281234500001';

describe.runIf(hasChromium)('the triage workspace in headless Chromium', () => {
  let setup: BrowserStack;
  let stack: TestStack;
  let standIn: TwilioStandIn;
  let browser: Browser;
  let url: string;
  let code: string;

  beforeAll(async () => {
    setup = await startBrowserStack();
    ({ stack, standIn } = setup);
    await createStaff(stack, {
      email: 'sekretariat@kaltim.example',
      role: 'secretariat',
      provinces: ['64'],
      name: 'Rina Kaltim',
    });
    code = await citizenReports(stack, CITIZEN, 'sungai keruh karena limbah tambang batubara di Kukar');
    await citizenReports(
      stack,
      '+6281234500002',
      '<script>alert(1)</script><b>tebal</b> debu tambang di Samarinda',
    );
    ({ browser, url } = await setup.open());
  }, 120_000);
  afterAll(async () => {
    await setup?.close();
  });

  const sentToCitizen = () =>
    standIn.requests.filter((r) => r.form.get('To') === CITIZEN).map((r) => r.form.get('Body') ?? '');

  it('lets the secretariat find, recategorise, validate, follow up, reply to and close a report', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto(`${url}/triage`);
    await expect.poll(() => page.url()).toContain('/triage/login');
    await page.fill('#email', 'sekretariat@kaltim.example');
    await page.fill('#password', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${url}/triage`);

    await expect.poll(() => page.locator('li.report').count()).toBe(2);
    // The hostile text is shown as text: no <b> element, no script run.
    await expect.poll(() => page.locator('li.report .excerpt b').count()).toBe(0);
    expect(await page.content()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await page.screenshot({ path: `${SHOTS}/inbox.png`, fullPage: true });

    // A first load on a slow connection: the page, its stylesheet and script, nothing else, ≤ 150 KB.
    const fresh = await browser.newContext();
    await fresh.addCookies(await page.context().cookies());
    const cold = await fresh.newPage();
    const urls: string[] = [];
    const sizes: Promise<number>[] = [];
    cold.on('response', (response) => {
      urls.push(new URL(response.url()).pathname);
      sizes.push(response.body().then((body) => body.length));
    });
    await cold.goto(`${url}/triage`, { waitUntil: 'networkidle' });
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await fresh.close();
    expect(urls.sort()).toEqual(['/triage', '/triage/assets/triage.css', '/triage/assets/triage.js']);
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThanOrEqual(150 * 1024);
    console.log(`inbox first load: ${bytes} bytes in ${urls.length} responses`);

    await page.click(`a.ref:has-text("${code}")`);
    await page.waitForURL(`${url}/triage/reports/${code}`);
    expect(await page.locator('blockquote.citizen-text').first().textContent()).toContain('sungai keruh');
    expect(await page.content()).not.toContain(CITIZEN.slice(3));

    await page.click('summary:has-text("Ubah kategori")');
    await page.selectOption('#category', 'licensing');
    await page.click('form[data-action=category] button');
    await page.waitForURL(`${url}/triage/reports/${code}`);
    await expect.poll(() => page.locator('h1 .badge').nth(1).textContent()).toBe('Perizinan');

    await page.fill('#note-validate', 'Diteruskan ke Dinas ESDM.');
    await page.click('form[data-action=status-validated] button');
    await expect.poll(() => page.locator('h1 .badge').first().textContent()).toBe('Terverifikasi');

    await page.selectOption('#fu-kind', 'letter');
    await page.fill('#fu-date', '2026-11-20');
    await page.fill('#fu-agency', 'Dinas ESDM Kaltim');
    await page.fill('#fu-desc', 'Surat permintaan klarifikasi izin dikirim.');
    await page.click('form[data-action=follow-up] button');
    await expect.poll(() => page.locator('h1 .badge').first().textContent()).toBe('Ditindaklanjuti');

    await page.click('summary:has-text("Balas warga")');
    await page.fill('#reply-text', 'Mohon kirim nama desa yang terdampak.');
    await expect.poll(() => page.locator('[data-segment-count]').textContent()).toMatch(/1 SMS/);
    await page.click('form[data-action=message] button');
    await page.waitForURL(`${url}/triage/reports/${code}`);
    await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });

    // The citizen answers; the answer lands in this report's thread.
    await citizenSends(stack, CITIZEN, 'Desa Loa Ipuh, dekat jembatan');
    await page.reload();
    await expect.poll(() => page.locator('.msg.inbound', { hasText: 'Desa Loa Ipuh' }).count()).toBe(1);

    await page.selectOption('#outcome', 'referred_elsewhere');
    await page.click('form[data-action=status-closed] button');
    await expect.poll(() => page.locator('h1 .badge').first().textContent()).toBe('Selesai');
    expect(dialogs).toBe(0);

    // As a secretariat member on a phone reads it.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/report-phone.png`, fullPage: true });
    await page.goto(`${url}/triage`);
    await page.screenshot({ path: `${SHOTS}/inbox-phone.png`, fullPage: true });
    // Nothing wider than the phone's screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    const messages = await waitFor(async () => {
      const bodies = sentToCitizen();
      return bodies.some((body) => body.startsWith(`Laporan ${code} selesai`)) ? bodies : null;
    }, 15_000);
    // After the conversation's replies, what the workspace sent, in order and in Indonesian.
    const first = messages.findIndex((body) => body.startsWith(`Laporan ${code} sudah diperiksa`));
    expect(first).toBeGreaterThan(0);
    expect(messages.slice(first)).toEqual([
      expect.stringMatching(new RegExp(`^Laporan ${code} sudah diperiksa .*Diteruskan ke Dinas ESDM`)),
      expect.stringMatching(new RegExp(`^Laporan ${code} sedang ditindaklanjuti`)),
      `Sekretariat (${code}): Mohon kirim nama desa yang terdampak.`,
      expect.stringMatching(/^Terima kasih, pesan Anda diteruskan ke sekretariat/),
      expect.stringMatching(new RegExp(`^Laporan ${code} selesai: dirujuk ke instansi lain`)),
    ]);
  });
});
