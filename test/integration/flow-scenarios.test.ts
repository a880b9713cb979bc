import { readdirSync, readFileSync } from 'node:fs';
import { and, isNotNull, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports } from '../../src/db/schema/reports.js';
import { projectPath } from '../../src/project-path.js';
import { runScenario } from '../support/run-scenario.js';
import { parseScenario } from '../support/scenario.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';
import { createWebhookScenarioDriver } from '../support/webhook-scenario-driver.js';
import { messageCost } from '../unit/conversation/support/message-cost.js';

const dir = projectPath('test', 'flows');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

/**
 * The scenario transcripts in test/flows, replayed end to end: signed Twilio webhooks, BullMQ, the
 * conversation runtime with the real flows, classifier and gazetteer, Postgres, and replies sent
 * through the twilio SDK to a local stand-in; a transcript's replies are checked against what the
 * stand-in received, as the citizen's phone would get them.
 */
describe('flow scenarios through the Twilio webhook, queue, engine and Postgres', () => {
  let stack: TestStack;
  /** Transcripts with quick messages (`seconds_after`) run where they are joined as in production. */
  let quickStack: TestStack;
  let standIn: TwilioStandIn;
  let offsetMs = 0;
  const messagesToCode: number[] = [];
  let longestSegments = 0;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url, INBOUND_PARTITIONS: '4' } });
    await stack.startConversationWorkers(() => new Date(Date.now() + offsetMs));
    // Each message waits out the window there, so only those transcripts pay for it; their seconds are
    // scaled to this window (a second in a transcript is a third of one here).
    quickStack = await startTestStack({
      env: { TWILIO_API_BASE_URL: standIn.url, INBOUND_PARTITIONS: '4', COALESCE_WINDOW_MS: '1000' },
    });
    await quickStack.startConversationWorkers(() => new Date(Date.now() + offsetMs));
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await quickStack?.close();
    await standIn?.close();
    if (messagesToCode.length) {
      const cost = messageCost(messagesToCode);
      console.log(
        `end-to-end: ${cost.reports} reports; median citizen messages to a reference code: ${cost.median}; ` +
          `90th percentile: ${cost.p90}; longest SMS reply: ${longestSegments} segment(s)`,
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
      const quick = parsed.scenario.steps.some((step) => 'seconds_after' in step);
      const driver = createWebhookScenarioDriver({
        stack: quick ? quickStack : stack,
        scenarioIndex: index,
        phone: standIn,
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

  // Runs after every scenario above (tests in a file run in order).
  it('keeps the citizen messages to a code within test/flows/message-cost.json, every reply one SMS', () => {
    const cost = messageCost(messagesToCode);
    expect(cost.reports).toBeGreaterThanOrEqual(cost.limits.min_reports);
    expect(cost.median).toBeLessThanOrEqual(cost.limits.median_max);
    expect(cost.p90).toBeLessThanOrEqual(cost.limits.p90_max);
    expect(longestSegments).toBe(1);
  });

  it("records a category the citizen corrected after the code as the citizen's decision", async () => {
    const rows = await stack.database.db
      .select({
        category: reports.category,
        source: reports.categorySource,
        citizen: reports.citizenCategory,
      })
      .from(reports)
      .where(
        and(isNotNull(reports.citizenCategory), ne(reports.citizenCategory, reports.classifierCategory)),
      );
    // Transcripts 06, 17, 42 and 44 correct a category after the code: this must not pass empty.
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows)
      expect(row).toEqual({ category: row.citizen, source: 'citizen', citizen: row.citizen });
  });
});
