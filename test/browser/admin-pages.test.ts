import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, SCREENSHOTS, startBrowserStack } from '../support/browser-stack.js';
import { citizenReports } from '../support/citizen-report.js';
import { hasChromium } from '../support/launch-chromium.js';
import { createStaff, STAFF_PASSWORD } from '../support/staff-accounts.js';
import type { TestStack } from '../support/test-stack.js';

const SHOTS = SCREENSHOTS;

describe.runIf(hasChromium)('the admin pages in headless Chromium', () => {
  let setup: BrowserStack;
  let stack: TestStack;
  let browser: Browser;
  let url: string;
  let code: string;
  /** The admin's signed-in page, kept for the tests after the first. */
  let adminPage: Page;

  beforeAll(async () => {
    setup = await startBrowserStack();
    ({ stack } = setup);
    const admin = await createStaff(stack, {
      email: 'admin@suara.example',
      role: 'admin',
      provinces: [],
      name: 'Dewi Admin',
    });
    await createStaff(stack, {
      email: 'sekretariat@aceh.example',
      role: 'secretariat',
      provinces: ['11'],
      name: 'Teuku Aceh',
    });
    await createStaff(stack, { email: 'pemantau@sultra.example', role: 'viewer', provinces: ['74'] });
    // A reveal of a citizen's number, made earlier through the API, for the audit page to highlight.
    code = await citizenReports(stack, '+6281234500009', 'air sungai keruh karena limbah tambang di Kukar');
    const token = await stack.workspace.userAdmin.createApiToken(
      { userId: null, label: 'test' },
      admin.email,
    );
    if (!token.ok) throw new Error(token.error);
    const reveal = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${code}/reveal`,
      headers: { authorization: `Bearer ${token.value}` },
      payload: { reason: 'Warga minta ditelepon untuk mediasi' },
    });
    if (reveal.statusCode !== 200) throw new Error(`reveal answered ${reveal.statusCode}`);
    ({ browser, url } = await setup.open());
  }, 120_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('lets an admin enrol TOTP, create a secretariat user with a one-time link, and read the audit log', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    adminPage = page;
    await page.goto(`${url}/triage/users`);
    await expect.poll(() => page.url()).toContain('/triage/login');
    await page.fill('#email', 'admin@suara.example');
    await page.fill('#password', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${url}/triage/login/code`);
    const secret = (await page.locator('[data-testid=totp-secret]').textContent()) ?? '';
    await page.fill('#code', await generate({ secret: secret.trim() }));
    await page.click('form[action="/triage/login/code"] button[type=submit]');
    await page.waitForURL(`${url}/triage`);

    await page.click('header nav a:has-text("Pengguna")');
    await page.waitForURL(`${url}/triage/users`);
    await expect.poll(() => page.locator('table.users tbody tr').count()).toBe(3);
    await page.fill('#new-email', 'rina@kaltim.example');
    await page.fill('#new-name', 'Rina Kaltim');
    await page.selectOption('#new-role', 'secretariat');
    await page.check('input[name=provinces][value="64"]');
    await page.click('form[data-action=create-user] button[type=submit]');
    await page.waitForURL(`${url}/triage/users`);
    const link = (await page.locator('[data-testid=one-time-link]').textContent()) ?? '';
    expect(link).toMatch(/^https:\/\/suara\.example\.org\/triage\/set-password\?token=\S+$/);
    expect(page.url()).not.toContain('token');
    await expect
      .poll(() => page.locator('tr[data-user="rina@kaltim.example"] td').nth(2).textContent())
      .toMatch(/^\s*64\s*$/);
    await page.screenshot({ path: `${SHOTS}/users.png`, fullPage: true });

    // The link works once, in another browser (the new user's).
    const newcomer = await browser.newContext();
    const theirs = await newcomer.newPage();
    await theirs.goto(`${url}${new URL(link).pathname}${new URL(link).search}`);
    await theirs.fill('#password', 'sungai jernih kembali');
    await theirs.click('button[type=submit]');
    await theirs.waitForURL(`${url}/triage/login?done=1`);
    await newcomer.close();

    // Opening the page again never shows the link.
    await page.goto(`${url}/triage/users`);
    expect(await page.locator('[data-testid=one-time-link]').count()).toBe(0);
    await expect
      .poll(() => page.locator('tr[data-user="rina@kaltim.example"] td').nth(4).textContent())
      .toBe('ya');

    await page.click('header nav a:has-text("Log audit")');
    await page.waitForURL(`${url}/triage/audit`);
    await expect.poll(() => page.locator('tr.reveal').count()).toBe(1);
    expect(await page.locator('tr.reveal a.ref').textContent()).toBe(code);
    for (const action of ['user.create', 'auth.password_set', 'auth.totp_enrolled'])
      expect(await page.locator(`tr[data-action="${action}"]`).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });

    await page.fill('input[name=action]', 'report.reveal_number');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForURL(`${url}/triage/audit?action=report.reveal_number`);
    expect(await page.locator('tbody tr').count()).toBe(1);
  });

  it('lets an admin add a partner, shows its export key once, and revoke it', async () => {
    const page = adminPage;
    await page.click('header nav a:has-text("Mitra")');
    await page.waitForURL(`${url}/triage/partners`);
    await page.fill('#partner-name', 'Koalisi Tambang Kaltim');
    await page.fill('#partner-contact', 'data@koalisi.example');
    await page.fill('#partner-provinces', '64');
    await page.fill('#partner-categories', 'licensing, revenue');
    await page.click('form[data-action=create-partner] button[type=submit]');
    const key = await page.locator('[data-testid=partner-key]').textContent();
    expect(key).toMatch(/^sxp_/);
    expect(await page.locator('section.partner dd').nth(1).textContent()).toBe('64');
    await page.screenshot({ path: `${SHOTS}/partners.png`, fullPage: true });

    await page.click('form[data-action=revoke] button');
    await page.waitForURL(`${url}/triage/partners`);
    expect(await page.locator('[data-testid=partner-key]').count()).toBe(0);
    expect(await page.locator('form[data-action=revoke]').count()).toBe(0);
  });
});
