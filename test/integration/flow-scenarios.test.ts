import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/conversation/run-scenario.js';
import { parseScenario } from '../../src/conversation/scenario.js';
import { projectPath } from '../../src/project-path.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';
import { createWebhookScenarioDriver } from '../support/webhook-scenario-driver.js';

const dir = projectPath('test', 'flows');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

/**
 * The scenario transcripts in test/flows, replayed end to end: signed Twilio webhooks, BullMQ, the
 * conversation runtime with the real flows, classifier and gazetteer, Postgres, and replies sent
 * through the twilio SDK to a local stand-in.
 */
describe('flow scenarios through the Twilio webhook, queue, engine and Postgres', () => {
  let stack: TestStack;
  let standIn: TwilioStandIn;
  let offsetMs = 0;
  const messagesToCode: number[] = [];
  let longestSegments = 0;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url, INBOUND_PARTITIONS: '4' } });
    await stack.startConversationWorkers(() => new Date(Date.now() + offsetMs));
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
    if (messagesToCode.length) {
      const sorted = [...messagesToCode].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      console.log(
        `end-to-end: ${sorted.length} reports; median citizen messages to a reference code: ${median}; ` +
          `longest SMS reply: ${longestSegments} segment(s)`,
      );
    }
  });

  it('has at least 25 scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  files.forEach((file, index) => {
    it(file, async () => {
      const parsed = parseScenario(file, readFileSync(`${dir}/${file}`, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error);
      const driver = createWebhookScenarioDriver({
        stack,
        scenarioIndex: index,
        advanceClock: (minutes) => {
          offsetMs += minutes * 60_000;
        },
      });
      const outcome = await runScenario(parsed.scenario, driver);
      messagesToCode.push(...outcome.messagesToCode);
      longestSegments = Math.max(longestSegments, outcome.maxSmsSegments);
      expect(outcome.failures, outcome.transcript.join('\n')).toEqual([]);
    });
  });
});
