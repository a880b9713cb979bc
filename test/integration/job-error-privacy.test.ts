import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const CITIZEN = '+6281298765432';
const MARKER = 'tolakuji';
const BODY = `${MARKER}: tambang emas ilegal di hulu sungai, telepon saya di 081298765432`;

/** Every value stored under a queue prefix, whatever the key's type: what a Redis dump or AOF would show. */
async function dumpPrefix(redis: Redis, prefix: string): Promise<string> {
  const values: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'hash') values.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'string') values.push((await redis.get(key)) ?? '');
      else if (type === 'list') values.push(JSON.stringify(await redis.lrange(key, '0', '-1')));
      else if (type === 'set') values.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') values.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
      else if (type === 'stream') values.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      values.push(key);
    }
  } while (cursor !== '0');
  return values.join('\n');
}

/**
 * Issue 12, defect 3: a failed insert's error carried the query and its parameters (the citizen's words)
 * into the job's failedReason and stacktrace, kept in Redis and its AOF file for days.
 */
describe('errors handed to BullMQ', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    // Only in this test's database: refuses the marked message as a full disk would — a failure of the
    // database, which goes back to BullMQ to retry (a fault of the message becomes a dead letter instead).
    await stack.database.pool.query(`
      create function refuse_marked_body() returns trigger language plpgsql as $$
      begin
        if new.body like '%${MARKER}%' then
          raise exception 'refused by the test trigger' using errcode = 'disk_full';
        end if;
        return new;
      end $$;
      create trigger refuse_marked_body before insert on messages
        for each row execute function refuse_marked_body();`);
    await stack.startWorkers();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('carry no query parameters, message body or phone number', async () => {
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: messageSid(),
      From: CITIZEN,
      To: '+15005550006',
      Body: BODY,
      NumMedia: '0',
    });
    expect(response.statusCode).toBe(200);

    const redis = stack.services.redis;
    const prefix = stack.config.QUEUE_PREFIX;
    const failed = await waitFor(async () => {
      const dump = await dumpPrefix(redis, prefix);
      return dump.includes('failedReason') && dump.includes('stacktrace') ? dump : null;
    }, 20_000);
    // The failure is recorded, with what a maintainer needs: Postgres's error code (53100, disk full).
    expect(failed).toContain('database error 53100');
    expect(failed).toMatch(/"stacktrace":"\[\\"Error: database error 53100\\\\n\s+at /);
    for (const secret of [MARKER, 'tambang emas', '81298765432', '1298765432', 'params:', 'Failed query']) {
      expect(failed).not.toContain(secret);
    }
  });
});
