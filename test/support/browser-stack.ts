import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { startTestStack, type TestStack } from './test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in.js';

/** Where the browser tests save what a person would see; the README shows these files. */
export const SCREENSHOTS = 'docs/screenshots';

export interface BrowserStack {
  stack: TestStack;
  standIn: TwilioStandIn;
  /** Call once the data is in place: starts listening and opens Chromium. */
  open(): Promise<{ browser: Browser; url: string }>;
  close(): Promise<void>;
}

/** The real server with conversation workers, replies going to a Twilio stand-in, for a browser to drive. */
export async function startBrowserStack(): Promise<BrowserStack> {
  const standIn = await startTwilioStandIn();
  const stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url } });
  await stack.startConversationWorkers();
  let browser: Browser | null = null;
  return {
    stack,
    standIn,
    async open() {
      const url = await stack.app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
      return { browser, url };
    },
    async close() {
      await browser?.close();
      await stack.close();
      await standIn.close();
    },
  };
}
