import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { requeueStrandedOutbound } from '../../src/pipeline/requeue-stranded-outbound.js';
import { type PrivateRedis, startPrivateRedis } from '../support/private-redis.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

/**
 * Issue 12, defect 5: a reply committed while Redis was down stayed unsent until a worker restart.
 * Redis (this test's own, with an AOF as in production) is killed while the conversation runs, so the
 * reply commits but its job cannot be queued; Redis comes back and the periodic outbox sweep — at its
 * default interval and grace — must send it, once, with the same workers still running.
 */
describe('the outbox sweeper', () => {
  let redis: PrivateRedis;
  let standIn: TwilioStandIn;
  let stack: TestStack;
  let killDuringHandling = true;

  const handler: ConversationHandler = {
    async handle({ message }) {
      if (killDuringHandling) {
        killDuringHandling = false;
        await redis.kill();
        await waitFor(async () => stack.services.redis.status !== 'ready');
      }
      return { replies: [{ body: `Balasan untuk: ${message.body}` }] };
    },
  };

  beforeAll(async () => {
    redis = await startPrivateRedis({ persistent: true });
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { REDIS_URL: redis.url, TWILIO_API_BASE_URL: standIn.url } });
    await stack.startWorkers(handler);
  });
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
    await redis?.close();
  });

  it('sends a reply stored during a Redis outage within 20 s of Redis returning, exactly once', async () => {
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: '+6281355500001',
      To: '+15005550006',
      Body: 'air sungai keruh',
    });
    expect(response.statusCode).toBe(200);

    // The reply is committed while Redis is down: it has no job.
    const [stranded] = await waitFor(async () => {
      const rows = await stack.database.db.select().from(messages).where(eq(messages.direction, 'outbound'));
      return rows.length ? rows : null;
    });
    expect(stranded?.status).toBe('queued');
    expect(stranded?.enqueuedAt).toBeNull();
    // Queuing it failed and the job moved on.
    await waitFor(async () => stack.logs.some((line) => line.includes('left to the outbox sweeper')));
    expect(standIn.requests).toHaveLength(0);

    await redis.start();
    const back = Date.now();
    await waitFor(async () => standIn.requests.length > 0, 25_000);
    const waited = Date.now() - back;
    expect(waited).toBeLessThan(20_000);

    const [sent] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(eq(messages.id, stranded?.id ?? ''));
      return rows[0]?.providerMessageId ? rows : null;
    });
    expect(sent?.enqueuedAt).not.toBeNull();
    // Another sweep finds nothing left, and nothing is sent twice.
    expect(await requeueStrandedOutbound(stack.database.db, stack.services.outbound, ['twilio'], 0)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const posts = standIn.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.form.get('Body')).toBe('Balasan untuk: air sungai keruh');
    const replies = await stack.database.db.select().from(messages).where(eq(messages.direction, 'outbound'));
    expect(replies).toHaveLength(1);
  }, 60_000);
});
