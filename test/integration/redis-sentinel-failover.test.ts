import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { type PrivateSentinelGroup, startPrivateSentinelGroup } from '../support/private-sentinel.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const CONTACTS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 13: Suara behind Redis Sentinel. A master, two replicas and a sentinel of the test's own; the
 * webhook (producer) and the workers find the master through the sentinel only (REDIS_URL points at a
 * port where nothing listens). The master is SIGKILLed while messages arrive; the sentinel promotes a
 * replica. Webhooks are acknowledged only once a replica has the job (REDIS_WAIT_REPLICAS=1), so every
 * acknowledged message must end up handled, including those acknowledged just before the kill, and the
 * same worker connections must handle the messages that arrive after the failover.
 */
describe('a Redis failover under Sentinel', () => {
  let group: PrivateSentinelGroup;
  let stack: TestStack;

  beforeAll(async () => {
    group = await startPrivateSentinelGroup(2);
    stack = await startTestStack({
      env: {
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_SENTINELS: group.sentinels,
        REDIS_SENTINEL_NAME: group.name,
        REDIS_WAIT_REPLICAS: '1',
        CONTACT_MESSAGES_PER_MINUTE: '0',
      },
    });
    await stack.startWorkers();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await group?.close();
  });

  it('loses no acknowledged message and the workers carry on with the new master', async () => {
    const accepted: { sid: string; at: number }[] = [];
    let refused = 0;
    let sending = true;
    // Each contact's phone (or provider) retries a refused webhook until it is acknowledged.
    const contact = async (index: number) => {
      const from = `+62813555${String(index).padStart(5, '0')}`;
      while (sending) {
        const sid = messageSid();
        for (;;) {
          const response = await stack.postSigned('/webhooks/twilio', {
            AccountSid: ACCOUNT_SID,
            MessageSid: sid,
            From: from,
            To: '+15005550006',
            Body: 'air sungai keruh sejak ada tambang',
          });
          if (response.statusCode === 200) break;
          expect(response.statusCode).toBe(503);
          refused += 1;
          await sleep(100);
        }
        accepted.push({ sid, at: Date.now() });
        await sleep(50);
      }
    };
    const senders = Array.from({ length: CONTACTS }, (_, index) => contact(index));

    const [firstMaster] = group.ports;
    if (firstMaster === undefined) throw new Error('no master');
    await waitFor(async () => accepted.length >= 100, 20_000);
    await group.kill(firstMaster);
    const killedAt = Date.now();
    const newMaster = await waitFor(async () => {
      const port = await group.masterPort();
      return port !== firstMaster ? port : undefined;
    }, 20_000);
    const failoverMs = Date.now() - killedAt;
    // Keep sending until a good number of messages went through the new master. On a loaded machine the
    // remaining replica can take a while to follow the new master, and until it does the webhook refuses
    // (REDIS_WAIT_REPLICAS=1): a generous wait, and the counts if it runs out.
    const afterFailover = () => accepted.filter((entry) => entry.at > killedAt + failoverMs).length;
    const refusedAtFailover = refused;
    await waitFor(async () => afterFailover() >= 100, 60_000).catch(() => undefined);
    sending = false;
    await Promise.all(senders);
    expect(
      afterFailover(),
      `acknowledged after the failover (refusals since: ${refused - refusedAtFailover})`,
    ).toBeGreaterThanOrEqual(100);

    const sids = accepted.map((entry) => entry.sid);
    const handledCount = async () => {
      const rows = await stack.database.db
        .select({ sid: messages.providerMessageId })
        .from(messages)
        .where(
          and(
            eq(messages.provider, 'twilio'),
            inArray(messages.providerMessageId, sids),
            isNotNull(messages.handledAt),
          ),
        );
      return rows.length;
    };
    // The outbox sweeper cannot rescue these: an inbound message reaches Postgres only through its job.
    await waitFor(async () => (await handledCount()) === sids.length, 30_000).catch(() => undefined);
    expect({
      handled: await handledCount(),
      newMasterIsReplica: group.ports.slice(1).includes(newMaster),
    }).toEqual({
      handled: sids.length,
      newMasterIsReplica: true,
    });
    // The failover was seen by the webhook (refusals while no master answered) and took seconds.
    expect(refused).toBeGreaterThan(0);
    expect(failoverMs).toBeLessThan(15_000);
    console.log(
      `sentinel failover: ${accepted.length} messages acknowledged, ${refused} webhook refusals, failover ${failoverMs} ms`,
    );
  }, 150_000);
});
