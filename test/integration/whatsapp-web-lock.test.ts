import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holderLockKey } from '../../src/channels/whatsapp-web/holder-lock.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { createPiiCipher } from '../../src/privacy/pii-cipher.js';
import { projectPath } from '../../src/project-path.js';
import { deleteQueueKeys } from '../support/delete-queue-keys.js';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/test-database.js';
import { waitFor } from '../support/test-stack.js';
import { storeLinkedCreds } from '../support/whatsapp-web-link.js';

const PII_KEY = 'b'.repeat(64);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOCK_TTL_MS = 2000;
const STANDBY_RETRY_MS = 250;
/** The promise: a dead holder is replaced once its lock expires and a standby's next try comes round. */
const TAKEOVER_BOUND_MS = LOCK_TTL_MS + STANDBY_RETRY_MS + 1000;

interface Holder {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
}

describe('WhatsApp Web: exactly one process holds the connection', () => {
  let database: TestDatabase;
  const prefix = uniqueQueuePrefix();
  const redis = createRedisConnection(REDIS_URL, 'producer');
  const holders: Holder[] = [];

  const startHolder = (): Holder => {
    // Node itself with tsx as a loader, so that the pid killed is the process holding the lock.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', projectPath('test', 'support', 'whatsapp-web-holder.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          PII_KEY,
          LOCK_TTL_MS: String(LOCK_TTL_MS),
          STANDBY_RETRY_MS: String(STANDBY_RETRY_MS),
        },
      },
    );
    const holder: Holder = { child, lines: [] };
    child.stdout.on('data', (chunk) => holder.lines.push(...String(chunk).split('\n').filter(Boolean)));
    child.stderr.on('data', () => {});
    holders.push(holder);
    return holder;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await storeLinkedCreds(database.db, createPiiCipher(Buffer.from(PII_KEY, 'hex')));
  });
  afterAll(async () => {
    for (const holder of holders) if (holder.child.exitCode === null) holder.child.kill('SIGKILL');
    await deleteQueueKeys(redis, prefix).catch(() => {});
    redis.disconnect();
    await database?.drop();
  });

  it('connects in one process only; when it is killed, the other takes over within the bound', async () => {
    const first = startHolder();
    await waitFor(async () => first.lines.includes('connected'), 20_000);
    const second = startHolder();
    await waitFor(async () => second.lines.includes('started'), 20_000);
    // Several of the standby's tries go by: it never connects while the first holds the lock.
    await new Promise((resolve) => setTimeout(resolve, LOCK_TTL_MS * 1.5));
    expect(second.lines).not.toContain('connected');
    const firstToken = await redis.get(holderLockKey(prefix, 'default'));
    expect(firstToken).toBeTruthy();

    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await waitFor(async () => second.lines.includes('connected'), TAKEOVER_BOUND_MS + 5000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`whatsapp-web takeover after kill -9: ${takeoverMs} ms (lock TTL ${LOCK_TTL_MS} ms)`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_BOUND_MS);
    const secondToken = await redis.get(holderLockKey(prefix, 'default'));
    expect(secondToken).toBeTruthy();
    expect(secondToken).not.toBe(firstToken);

    // A clean stop gives the lock up at once.
    second.child.kill('SIGTERM');
    await waitFor(async () => second.lines.includes('stopped'), 10_000);
    expect(await redis.get(holderLockKey(prefix, 'default'))).toBeNull();
  }, 60_000);
});
