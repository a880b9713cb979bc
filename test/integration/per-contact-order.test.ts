import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { partitionOf } from '../../src/pipeline/partition-of.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

describe('per-contact ordering', () => {
  let stack: TestStack;
  const handled = new Map<string, string[]>();
  const inFlight = new Map<string, number>();
  let overlapsWithinContact = 0;
  let running = 0;
  let maxRunning = 0;

  // Records what the pipeline hands over, taking a random while so that a broken ordering would show.
  const recordingHandler: ConversationHandler = {
    async handle({ message, contact }) {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const busy = (inFlight.get(contact.pseudonym) ?? 0) + 1;
      if (busy > 1) overlapsWithinContact += 1;
      inFlight.set(contact.pseudonym, busy);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      handled.set(message.body.split(' ')[0] ?? '', [
        ...(handled.get(message.body.split(' ')[0] ?? '') ?? []),
        message.body,
      ]);
      inFlight.set(contact.pseudonym, busy - 1);
      running -= 1;
      return { replies: [] };
    },
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { INBOUND_PARTITIONS: '8' } });
    // Two worker sets on the same queues stand for two `suara worker` processes.
    await stack.startWorkers(recordingHandler);
    await stack.startWorkers(recordingHandler);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('handles 20 interleaved messages from 3 contacts one at a time per contact, in arrival order', async () => {
    // Three numbers in three different partitions, so that parallelism across contacts can show too.
    const numbers: string[] = [];
    const partitions = new Set<number>();
    for (let n = 0; numbers.length < 3; n++) {
      const number = `+62812000000${String(n).padStart(2, '0')}`;
      const partition = partitionOf(stack.services.cipher.hash(number), 8);
      if (!partitions.has(partition)) {
        partitions.add(partition);
        numbers.push(number);
      }
    }
    const sent = new Map<string, string[]>();
    for (let i = 0; i < 20; i++) {
      const who = i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : i % 2; // irregular interleaving
      const label = `c${who}`;
      const body = `${label} pesan ${String(i).padStart(2, '0')}`;
      sent.set(label, [...(sent.get(label) ?? []), body]);
      const response = await stack.postSigned('/webhooks/twilio', {
        AccountSid: ACCOUNT_SID,
        MessageSid: messageSid(),
        From: numbers[who] ?? '',
        To: '+15005550006',
        Body: body,
      });
      expect(response.statusCode).toBe(200);
    }

    await waitFor(async () => [...handled.values()].flat().length === 20, 20_000);
    for (const [label, bodies] of sent) expect(handled.get(label)).toEqual(bodies);
    expect(overlapsWithinContact).toBe(0);
    expect(maxRunning).toBeGreaterThan(1);
  });
});
