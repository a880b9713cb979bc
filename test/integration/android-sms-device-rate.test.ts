import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeAndroidDevicesFile } from '../support/android-devices-file.js';
import {
  type AndroidSmsStandIn,
  type AndroidStandInRequest,
  startAndroidSmsStandIn,
} from '../support/android-sms-stand-in.js';
import { androidEnvelope, postAndroidWebhook } from '../support/android-sms-webhook.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { SEND_JITTER_MS, threeReplies } from '../support/three-replies-handler.js';

const ACEH = { number: '+6281100000011', key: 'signing-key-aceh-rate-0123', user: 'aceh', pass: 'pass-a' };
const KALTIM = {
  number: '+6281100000012',
  key: 'signing-key-kaltim-rate-01',
  user: 'kaltim',
  pass: 'pass-k',
};

describe('Android SMS: each phone sends at its own SIM’s rate', () => {
  let stack: TestStack;
  let aceh: AndroidSmsStandIn;
  let kaltim: AndroidSmsStandIn;
  let seq = 0;

  beforeAll(async () => {
    aceh = await startAndroidSmsStandIn(ACEH.user, ACEH.pass);
    kaltim = await startAndroidSmsStandIn(KALTIM.user, KALTIM.pass);
    // Aceh's SIM has its own limit in the file, 120 a minute (at most 2 in any second); Kaltim's takes
    // the channel's, also 120 a minute.
    const file = writeAndroidDevicesFile([
      { ...ACEH, apiUrl: aceh.url, sendsPerMinute: 120 },
      { ...KALTIM, apiUrl: kaltim.url },
    ]);
    stack = await startTestStack({
      env: {
        ANDROID_SMS_DEVICES_FILE: file,
        ANDROID_SMS_SENDS_PER_MINUTE: '120',
        // The per-provider limit other channels use would let only 1 a second through to both phones.
        OUTBOUND_RATE_PER_SECOND: '1',
        OUTBOUND_BACKOFF_MS: '100',
      },
    });
    await stack.startWorkers(threeReplies);
  });
  afterAll(async () => {
    await stack?.close();
    await aceh?.close();
    await kaltim?.close();
  });
  beforeEach(() => {
    aceh.requests.length = 0;
    kaltim.requests.length = 0;
  });

  async function citizenWrites(phone: typeof ACEH, tag: string): Promise<void> {
    const from = `+62812377${String(++seq).padStart(5, '0')}`;
    const envelope = androidEnvelope('sms:received', {
      messageId: 'c0ffee12',
      message: `${tag} sungai keruh`,
      phoneNumber: from,
      sender: from,
      recipient: phone.number,
      simNumber: 1,
      receivedAt: '2026-11-23T15:46:11.000+07:00',
    });
    const response = await postAndroidWebhook(stack.app, phone.key, envelope);
    expect(response.statusCode).toBe(200);
  }

  const textsOf = (requests: AndroidStandInRequest[], tag: string) =>
    requests
      .map((request) => request.body.textMessage?.text ?? '')
      .filter((text) => text.startsWith(`${tag} `));

  /** Never 3 arrivals within a second: any 3 consecutive ones span at least a second. */
  function expectAtMostTwoPerSecond(times: number[]): void {
    const gaps = times.slice(2).map((time, i) => time - (times[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000 - SEND_JITTER_MS);
  }

  it('sends turns for two phones in parallel, each phone at no more than 2 messages a second', async () => {
    // Warm the sending path to both phones (module loading, HTTP agents), then let the second pass.
    await citizenWrites(ACEH, 'warm1');
    await citizenWrites(KALTIM, 'warm2');
    await waitFor(async () => aceh.requests.length >= 3 && kaltim.requests.length >= 3, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    aceh.requests.length = 0;
    kaltim.requests.length = 0;

    // Four citizens per phone, a turn of three replies each: 12 messages per phone.
    await Promise.all(
      [0, 1, 2, 3].flatMap((i) => [citizenWrites(ACEH, `a${i}`), citizenWrites(KALTIM, `k${i}`)]),
    );
    await waitFor(async () => aceh.requests.length >= 12 && kaltim.requests.length >= 12, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(aceh.requests).toHaveLength(12);
    expect(kaltim.requests).toHaveLength(12);

    for (const phone of [aceh, kaltim]) {
      const times = phone.requests.map((request) => request.receivedAt);
      expectAtMostTwoPerSecond(times);
      // The limit is the pace, not a stall: 12 messages at 2 a second take 5 s beyond the first pair.
      const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
      expect(span).toBeGreaterThanOrEqual(5000 - SEND_JITTER_MS);
      expect(span).toBeLessThan(9000);
    }
    // Together, more than 2 a second: the phones did not wait for each other.
    const all = [...aceh.requests, ...kaltim.requests]
      .map((request) => request.receivedAt)
      .sort((a, b) => a - b);
    const together = (all.at(-1) ?? 0) - (all[0] ?? 0);
    expect(24 / (together / 1000)).toBeGreaterThan(3);
    const busiestSecond = Math.max(
      ...all.map((start) => all.filter((t) => t >= start && t < start + 1000).length),
    );
    expect(busiestSecond).toBeGreaterThanOrEqual(3);

    // Each reply went through the phone its citizen wrote to, each turn in order.
    for (const i of [0, 1, 2, 3]) {
      expect(textsOf(aceh.requests, `a${i}`)).toEqual([
        `a${i} balasan 1`,
        `a${i} balasan 2`,
        `a${i} balasan 3`,
      ]);
      expect(textsOf(kaltim.requests, `k${i}`)).toEqual([
        `k${i} balasan 1`,
        `k${i} balasan 2`,
        `k${i} balasan 3`,
      ]);
      expect(textsOf(kaltim.requests, `a${i}`)).toEqual([]);
    }
  });

  it('pauses only the phone that answered 429, for as long as it asked', async () => {
    aceh.script({ status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '2' } });
    await citizenWrites(ACEH, 'p1');
    const limited = await waitFor(async () => aceh.requests[0]);
    await citizenWrites(KALTIM, 'p2');
    await waitFor(async () => aceh.requests.length >= 4 && kaltim.requests.length >= 3, 15_000);

    const resumed = aceh.requests[1]?.receivedAt ?? 0;
    expect(resumed - limited.receivedAt).toBeGreaterThanOrEqual(2000);
    expect(resumed - limited.receivedAt).toBeLessThan(2000 + 2500);
    // The other phone's turn went out during the pause.
    for (const request of kaltim.requests) expect(request.receivedAt).toBeLessThan(resumed);
    // The refused reply is sent again first in its turn, and no reply is sent twice.
    expect(textsOf(aceh.requests.slice(1), 'p1')).toEqual(['p1 balasan 1', 'p1 balasan 2', 'p1 balasan 3']);
    expect(textsOf(kaltim.requests, 'p2')).toEqual(['p2 balasan 1', 'p2 balasan 2', 'p2 balasan 3']);
  });
});
