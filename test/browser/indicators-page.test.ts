import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, SCREENSHOTS, startBrowserStack } from '../support/browser-stack.js';
import { spreadReports } from '../support/indicator-fixture.js';
import { hasChromium } from '../support/launch-chromium.js';
import { insertFixtureReports } from '../support/report-fixture.js';
import { createStaff, STAFF_PASSWORD } from '../support/staff-accounts.js';

describe.runIf(hasChromium)('the indicators dashboard in headless Chromium', () => {
  let setup: BrowserStack;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    setup = await startBrowserStack();
    await insertFixtureReports(setup.stack.database.db, spreadReports(400, new Date()));
    // A forum member who follows all three provinces: the page compares them side by side.
    await createStaff(setup.stack, {
      email: 'forum@example.org',
      role: 'viewer',
      provinces: ['11', '64', '74'],
      name: 'Anggota Forum',
    });
    ({ browser, url } = await setup.open());
  }, 120_000);
  afterAll(async () => {
    await setup?.close();
  });

  async function signIn(viewport: { width: number; height: number }) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${url}/triage/indicators`);
    await page.fill('#email', 'forum@example.org');
    await page.fill('#password', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/triage\/indicators$/);
    return page;
  }

  it('draws the indicators, funnel, months, regencies and service figures, with their numbers', async () => {
    const page = await signIn({ width: 1280, height: 900 });
    // Three indicators × one bar per province and the total, four funnels, months, regencies, two more.
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(11);
    expect(await page.locator('.indicator .big').count()).toBe(3);
    const provinces = await page.locator('#ind-h ~ .table-wrap tbody th').allTextContents();
    expect(provinces).toEqual(['Aceh', 'Kalimantan Timur', 'Sulawesi Tenggara', 'Jumlah']);
    // Each chart's numbers are there for screen readers and copying.
    const months = page.locator('#period-h ~ figure details');
    await months.locator('summary').click();
    expect(await months.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
    await months.locator('summary').click();
    await page.locator('h1').click();
    await page.screenshot({ path: `${SCREENSHOTS}/indicators.png`, fullPage: true });

    // A quick period link narrows the range and keeps the page working.
    await page.click('text=Tahun lalu');
    await page.waitForURL(/from=\d{4}-01-01&to=\d{4}-12-31/);
    expect(await page.locator('h1').textContent()).toBe('Indikator');

    // The downloads answer with files.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:text-is("CSV")')]);
    expect(download.suggestedFilename()).toMatch(/^suara-indicators-.*\.csv$/);
    await page.close();
  });

  it('fits a phone without sideways scrolling of the page', async () => {
    const page = await signIn({ width: 390, height: 844 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/indicators-phone.png`, fullPage: false });
    await page.close();
  });
});
