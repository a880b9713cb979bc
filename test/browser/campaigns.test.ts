import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorkers } from '../../src/pipeline/start-workers.js';
import { createSessionStore } from '../../src/sessions/session-store.js';
import { sendDueInvitations } from '../../src/surveys/campaign-sender.js';
import { SCREENSHOTS } from '../support/browser-stack.js';
import { hasChromium, launchChromium } from '../support/launch-chromium.js';
import { createStaff, STAFF_PASSWORD } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const CITIZENS = ['+6281100000011', '+6281100000012'];

/**
 * The walk-through in headless Chromium against the real server, workers, Postgres and Redis:
 * citizens of the web simulator report and agree to surveys; a secretariat member creates a campaign
 * through the form, reads its cost before sending, sends it (one pass of the worker's campaign
 * sender), a citizen answers it on the simulator page, and the results page draws the chart.
 */
describe.runIf(hasChromium)('survey campaigns in headless Chromium', () => {
  let stack: TestStack;
  let workers: RunningWorkers;
  let browser: Browser;
  let url: string;
  let campaignUrl = '';

  const transcript = async (from: string) => {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/simulator/messages?from=${encodeURIComponent(from)}&channel=sms`,
    });
    return response.json<{ messages: { direction: string; body: string }[] }>().messages;
  };
  /** Sends as a simulator citizen and waits for Suara's reply; returns the reply. */
  const simulatorSays = async (from: string, text: string): Promise<string> => {
    const before = (await transcript(from)).filter((m) => m.direction === 'outbound').length;
    const response = await stack.app.inject({
      method: 'POST',
      url: '/simulator/messages',
      payload: { from, channel: 'sms', text },
    });
    if (response.statusCode !== 202) throw new Error(`simulator answered ${response.statusCode}`);
    return waitFor(async () => {
      const replies = (await transcript(from)).filter((m) => m.direction === 'outbound');
      return replies.length > before ? replies.map((m) => m.body).join('\n') : null;
    }, 20_000);
  };
  const sendPass = () =>
    sendDueInvitations({
      db: stack.database.db,
      sessions: createSessionStore({
        redis: stack.services.redis,
        cipher: stack.services.cipher,
        prefix: stack.config.QUEUE_PREFIX,
        ttlMs: 3_600_000,
      }),
      flows: stack.domain.flows.current,
      idleTimeoutMs: 24 * 3_600_000,
      monthlyCap: stack.config.CAMPAIGN_MONTHLY_CAP,
      invitationTemplate: {},
      outbound: stack.services.outbound,
      hours: stack.config.CAMPAIGN_HOURS,
      batchSize: 100,
      clock: () => new Date(),
      logger: stack.services.logger,
    });

  beforeAll(async () => {
    // Any hour: the test must not depend on the time of day it runs at (hours are tested elsewhere).
    stack = await startTestStack({ env: { SIMULATOR_ENABLED: 'true', CAMPAIGN_HOURS: '0-24' } });
    workers = await stack.startConversationWorkers();
    await createStaff(stack, {
      email: 'kaltim@example.org',
      role: 'secretariat',
      provinces: ['64'],
      name: 'Sekretariat Kaltim',
    });
    for (const [i, from] of CITIZENS.entries()) {
      await simulatorSays(from, `air sungai keruh sejak tambang batubara buka di Tenggarong, Kukar ${i}`);
      expect(await simulatorSays(from, '1')).toMatch(/Kode:/);
      expect(await simulatorSays(from, 'IKUT')).toMatch(/Forum MSF bisa mengundang/);
    }
    url = await stack.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await workers?.close();
    await stack?.close();
  });

  async function signIn(page: Page, path: string) {
    await page.goto(`${url}${path}`);
    await page.fill('#email', 'kaltim@example.org');
    await page.fill('#password', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
  }

  it('creates a campaign through the form, shows its cost before sending, and sends it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, '/triage/campaigns');
    await page.fill('#campaign-name', 'Rapor DLH Kukar');
    await page.selectOption('#campaign-survey', 'nilai_dlh');
    await page.check('input[name=regencies][value="64.02"]');
    await page.click('form[data-action="preview-campaign"] button[type=submit]');
    const preview = page.getByTestId('campaign-preview');
    await preview.waitFor();
    expect(await preview.locator('[data-figure="recipients"]').textContent()).toBe('2');
    expect(await preview.locator('[data-figure="sms"]').textContent()).toBe('2');
    expect(await preview.locator('[data-figure="cost"]').textContent()).toBe('IDR 0');
    // Nothing exists before the person confirms.
    expect(await page.locator('table.campaigns').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/campaigns.png`, fullPage: true });

    await page.click('form[data-action="create-campaign"] button[type=submit]');
    await page.waitForURL(/\/triage\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
    expect(await page.getByTestId('campaign-status').textContent()).toBe('terjadwal');
    expect(await page.locator('[data-figure="progress"]').textContent()).toBe('0 / 2');

    // The worker's campaign sender runs a pass; the simulator "provider" delivers at once.
    expect(await sendPass()).toBe(2);
    await waitFor(async () => {
      const messages = await transcript(CITIZENS[0] ?? '');
      return messages.some((m) => m.direction === 'outbound' && /beri nilai DLH/.test(m.body));
    }, 20_000);
    await page.reload();
    expect(await page.locator('[data-figure="progress"]').textContent()).toBe('2 / 2');
    expect(await page.getByTestId('campaign-status').textContent()).toBe('mengirim');
    await page.close();
  }, 90_000);

  it('is answered by a citizen in the simulator and its results chart reads the answer', async () => {
    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${url}/simulator`);
    await citizen.fill('#from', CITIZENS[0] ?? '');
    await citizen.dispatchEvent('#from', 'change');
    await citizen.locator('.msg.outbound', { hasText: 'beri nilai DLH' }).waitFor({ timeout: 15_000 });
    const answer = async (text: string, next: string) => {
      await citizen.fill('#text', text);
      await citizen.click('button[type=submit]');
      await citizen.locator('.msg.outbound', { hasText: next }).waitFor({ timeout: 15_000 });
    };
    await answer('empat', 'Pernahkah DLH');
    await answer('YA', 'paling perlu');
    await answer('1', 'Ada saran');
    await answer('<b>Tolong</b> cek air sungai di Loa Kulu', 'Terima kasih!');
    await citizen.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const campaignId = campaignUrl.split('/').pop() ?? '';
    await signIn(page, `/triage/surveys/nilai_dlh/results?campaign=${campaignId}`);
    expect(await page.locator('[data-figure="responses"]').textContent()).toBe('1');
    expect(await page.locator('[data-figure="mean"]').textContent()).toBe('4');
    expect(await page.locator('[data-figure="completion"]').textContent()).toBe('100\u00a0%');
    const rating = page.locator('section[data-question="rating"]');
    expect(await rating.locator('svg.chart').count()).toBe(1);
    await rating.locator('summary').click();
    expect(await rating.locator('tbody tr').allTextContents()).toEqual(['10', '20', '30', '41', '50']);
    // The comment is text, not markup.
    expect(await page.locator('.survey-comments blockquote').textContent()).toBe(
      '<b>Tolong</b> cek air sungai di Loa Kulu',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/survey-results.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:text-is("XLSX")')]);
    expect(download.suggestedFilename()).toBe('suara-survey-nilai_dlh.xlsx');
    await page.close();
  }, 90_000);

  it('fits a phone without sideways scrolling of the page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, '/triage/campaigns');
    for (const path of [
      '/triage/campaigns',
      campaignUrl.replace(url, ''),
      '/triage/surveys/nilai_dlh/results',
    ]) {
      await page.goto(`${url}${path}`);
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/survey-results-phone.png`, fullPage: false });
    await page.close();
  }, 90_000);
});
