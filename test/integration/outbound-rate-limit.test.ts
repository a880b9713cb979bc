import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { SEND_JITTER_MS, threeReplies } from '../support/three-replies-handler.js';
import {
  type StandInRequest,
  startTwilioStandIn,
  type TwilioStandIn,
  twilioError,
} from '../support/twilio-stand-in.js';

describe('outbound rate limit', () => {
  let standIn: TwilioStandIn;
  let stack: TestStack;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({
      env: { TWILIO_API_BASE_URL: standIn.url, OUTBOUND_RATE_PER_SECOND: '5', OUTBOUND_BACKOFF_MS: '100' },
    });
    await stack.startWorkers(threeReplies);
  });
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
  });
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  async function citizenWrites(number: string, tag: string): Promise<void> {
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: number,
      To: '+15005550006',
      Body: `${tag} sungai keruh`,
    });
    expect(response.statusCode).toBe(200);
  }

  const sends = (): StandInRequest[] => standIn.requests.filter((request) => request.method === 'POST');

  it('sends a turn of 3 replies to each of 10 contacts at no more than 5 messages a second', async () => {
    // A first send warms the sending path (module loading, the HTTP agent): a cold first request can
    // take 100+ ms longer than the next, which squeezes the gaps measured at the stand-in.
    await citizenWrites('+6281288809999', 'warm');
    await waitFor(async () => sends().length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    standIn.requests.length = 0;

    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        citizenWrites(`+62812888000${String(i).padStart(2, '0')}`, `c${i}`),
      ),
    );
    await waitFor(async () => sends().length >= 30, 20_000);
    const received = sends();
    expect(received).toHaveLength(30);
    const times = received.map((request) => request.receivedAt);

    // Any 6 consecutive messages span at least a second: never more than 5 in a second.
    const gaps = times.slice(5).map((time, i) => time - (times[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000 - SEND_JITTER_MS);
    // And the limit is the pace, not a stall: 30 messages at 5/s take about 5 s beyond the first burst.
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    expect(span).toBeGreaterThanOrEqual(5000 - SEND_JITTER_MS);
    expect(span).toBeLessThan(12_000);

    // Each contact's turn went out in order.
    for (let i = 0; i < 10; i++) {
      const bodies = received
        .map((request) => request.form.get('Body') ?? '')
        .filter((b) => b.startsWith(`c${i} `));
      expect(bodies).toEqual([`c${i} balasan 1`, `c${i} balasan 2`, `c${i} balasan 3`]);
    }
  });

  it('pauses all sending for as long as a 429 Retry-After asks, then resumes where the turn stopped', async () => {
    standIn.script({ ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'retry-after': '2' } });
    await citizenWrites('+6281288800100', 'p1');
    const limited = await waitFor(async () => sends()[0]);
    // A second citizen writes during the pause: their turn waits too.
    await citizenWrites('+6281288800101', 'p2');
    await waitFor(async () => sends().length >= 7, 15_000);
    const after = sends().slice(1);
    for (const request of after) {
      expect(request.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(2000);
    }
    expect((after[0]?.receivedAt ?? 0) - limited.receivedAt).toBeLessThan(2000 + 2500);
    // The refused reply is sent again first in its turn, and no reply is sent twice.
    const bodies = after.map((request) => request.form.get('Body') ?? '');
    expect(bodies.filter((body) => body.startsWith('p1 '))).toEqual([
      'p1 balasan 1',
      'p1 balasan 2',
      'p1 balasan 3',
    ]);
    expect(bodies.filter((body) => body.startsWith('p2 '))).toEqual([
      'p2 balasan 1',
      'p2 balasan 2',
      'p2 balasan 3',
    ]);
  });
});
