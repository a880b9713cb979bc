import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/launch-chromium.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe.runIf(hasChromium)('simulator page in headless Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    stack = await startTestStack({ env: { SIMULATOR_ENABLED: 'true' } });
    await stack.startConversationWorkers();
    url = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('lets a person report as a citizen and shows the replies with their SMS segment count', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/simulator`);
    await page.fill('#from', '+628777000123');
    await page.fill('#text', 'ada pungli dana CSR perusahaan tambang nikel di Konawe Utara');
    await page.click('button[type=submit]');
    const confirm = page.locator('.msg.outbound').first();
    await confirm.waitFor({ timeout: 15_000 });
    expect(await confirm.textContent()).toMatch(/PENDAPATAN/);
    expect(await confirm.textContent()).toMatch(/1 SMS segment/);

    await page.fill('#text', '1');
    await page.click('button[type=submit]');
    const done = page.locator('.msg.outbound', { hasText: 'Kode:' });
    await done.waitFor({ timeout: 15_000 });
    expect(await done.textContent()).toMatch(/STATUS [0-9A-Z]{6}/);
    expect(await page.locator('.msg.inbound').count()).toBe(2);
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });

    await page.fill('#from', 'abc');
    await page.fill('#text', 'halo');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/phone number/);
  });
});
