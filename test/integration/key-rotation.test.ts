import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { deadLetters } from '../../src/db/schema/dead-letters.js';
import { partners } from '../../src/db/schema/partners.js';
import { users } from '../../src/db/schema/users.js';
import { sealInbound, unsealInbound } from '../../src/pipeline/inbound-job.js';
import { createInboundProducer } from '../../src/pipeline/inbound-producer.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { openInboundQueues } from '../../src/privacy/inbound-queues.js';
import { createPiiCipher, type PiiCipher } from '../../src/privacy/pii-cipher.js';
import { buildKeyring, lookupKeyFromMaster } from '../../src/privacy/pii-keyring.js';
import { rotatePiiKeys } from '../../src/privacy/rotate-pii-keys.js';
import { deleteQueueKeys } from '../support/delete-queue-keys.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/test-database.js';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const PARTITIONS = 2;
const CONTACTS = 25;
const numberOf = (i: number) => `+62813000${String(i).padStart(5, '0')}`;

function keyring(env: { legacy?: Buffer; keys?: string; lookup?: string }): PiiCipher {
  const ring = buildKeyring({ legacyKey: env.legacy, keys: env.keys, lookupKey: env.lookup });
  if (!ring.ok) throw new Error(ring.error);
  return createPiiCipher(ring.keyring);
}

/** Every text or jsonb value in the database still sealed with the old key (v1, or v2 with id 0). */
async function valuesOnOldKey(database: TestDatabase): Promise<string[]> {
  const columns = await database.pool.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = 'public' and data_type in ('text', 'jsonb', 'character varying')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const result = await database.pool.query(
      `select count(*)::int as n from "${table_name}" where "${column_name}"::text ~ '(^|")v(1|2\\.0)\\.'`,
    );
    if (result.rows[0].n > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

/**
 * Issue 12, key rotation: values sealed with an old key (including the first, key-less format) stay
 * readable while a new key is current; `suara keys rotate` moves everything onto the new key in
 * resumable batches, in Postgres and Redis; after that the old key can go and everything still opens,
 * and contacts are still found by their lookup hash.
 */
describe('PII key rotation', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let redis: Redis;
  const prefix = uniqueQueuePrefix();
  const before = createPiiCipher(OLD);
  const during = keyring({ legacy: OLD, keys: `1:${NEW.toString('hex')}` });
  const after = keyring({
    keys: `1:${NEW.toString('hex')}`,
    lookup: lookupKeyFromMaster(OLD).toString('hex'),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'producer');
    const db = database.db;
    // Written before the rotation, with the only key there was.
    for (let i = 0; i < CONTACTS; i++) {
      await db.insert(contacts).values({
        pseudonym: `W-ROT${i}`,
        channel: 'sms',
        addressHash: before.hash(numberOf(i)),
        addressEnc: before.encrypt(numberOf(i)),
        provider: 'twilio',
      });
    }
    await db.insert(users).values({
      email: 'admin@example.org',
      name: 'Admin',
      role: 'admin',
      totpSecretEnc: before.encrypt('JBSWY3DPEHPK3PXP'),
    });
    await db.insert(partners).values({ name: 'Mitra', pseudonymKeyEnc: before.encrypt('partner-secret') });
    const letter = sealInbound(
      {
        provider: 'twilio',
        channel: 'sms',
        providerMessageId: 'SMdead',
        from: numberOf(0),
        to: '+15005550006',
        body: 'surat mati',
        media: [],
        receivedAt: new Date().toISOString(),
      },
      before,
    );
    await db.insert(deadLetters).values({
      queue: 'inbound-0',
      jobId: 'twilio-SMdead',
      provider: 'twilio',
      channel: 'sms',
      providerMessageId: 'SMdead',
      job: letter,
      error: 'Error: handler failed',
      failures: 3,
    });
    const producer = createInboundProducer({
      connection: redis,
      prefix,
      partitions: PARTITIONS,
      timeoutMs: 5000,
      cipher: before,
    });
    for (let i = 0; i < 3; i++) {
      await producer.enqueue({
        provider: 'twilio',
        channel: 'sms',
        providerMessageId: `SMwait${i}`,
        from: numberOf(i),
        to: '+15005550006',
        body: `menunggu ${i}`,
        media: [],
        receivedAt: new Date().toISOString(),
      });
    }
    await producer.close();
    await redis.set(
      `${prefix}:session:${randomBytes(4).toString('hex')}`,
      before.encrypt('{}'),
      'PX',
      60_000,
    );
  });

  afterAll(async () => {
    await deleteQueueKeys(redis, prefix).catch(() => {});
    redis?.disconnect();
    await database?.drop();
  });

  it('reads old values and seals new ones with the current key while both are configured', async () => {
    const [row] = await database.db.select().from(contacts).where(eq(contacts.pseudonym, 'W-ROT3'));
    expect(row && during.decrypt(row.addressEnc)).toBe(numberOf(3));
    expect(during.hash(numberOf(3))).toBe(row?.addressHash);
    const fresh = during.encrypt(numberOf(99));
    expect(during.keyIdOf(fresh)).toBe('1');
    expect(() => before.decrypt(fresh)).toThrow();
  });

  it('stops between batches when interrupted and continues where it stopped when run again', async () => {
    const deps = { db: database.db, redis, cipher: during, prefix, partitions: PARTITIONS };
    const controller = new AbortController();
    const first = await rotatePiiKeys(deps, {
      batchSize: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.source === 'contacts.address_enc' && p.done >= 10) controller.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    expect(first.resealed['contacts.address_enc']).toBe(10);
    const counts = await database.pool.query(
      `select count(*) filter (where address_enc like 'v2.1.%')::int as moved, count(*)::int as total from contacts`,
    );
    expect(counts.rows[0]).toEqual({ moved: 10, total: CONTACTS });

    const second = await rotatePiiKeys(deps, { batchSize: 10 });
    expect(second.interrupted).toBe(false);
    expect(second.resealed).toMatchObject({
      'contacts.address_enc': CONTACTS - 10,
      'users.totp_secret_enc': 1,
      'partners.pseudonym_key_enc': 1,
      'dead_letters.job.sealed': 1,
      'redis inbound jobs': 3,
    });
    expect(second.unreadable).toEqual({});
    expect(second.sessionsDropped).toBe(1);

    // A third run finds nothing left to do.
    const third = await rotatePiiKeys(deps, { batchSize: 10 });
    expect(Object.values(third.resealed).reduce((a, b) => a + b, 0)).toBe(0);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'keys.rotate'));
    expect(audits).toHaveLength(3);
  });

  it('opens everything once the old key is removed, and still finds contacts by number', async () => {
    expect(await valuesOnOldKey(database)).toEqual([]);
    for (const row of await database.db.select().from(contacts)) {
      const number = after.decrypt(row.addressEnc);
      expect(after.hash(number)).toBe(row.addressHash);
    }
    const [user] = await database.db.select().from(users);
    expect(user?.totpSecretEnc && after.decrypt(user.totpSecretEnc)).toBe('JBSWY3DPEHPK3PXP');
    const [partner] = await database.db.select().from(partners);
    expect(partner && after.decrypt(partner.pseudonymKeyEnc)).toBe('partner-secret');
    const [letter] = await database.db.select().from(deadLetters);
    expect(letter && unsealInbound(letter.job, after).body).toBe('surat mati');
    const queues = openInboundQueues(redis, prefix, PARTITIONS);
    const bodies: string[] = [];
    for (const queue of queues) {
      for (const job of await queue.getJobs(['waiting'])) bodies.push(unsealInbound(job.data, after).body);
    }
    await Promise.all(queues.map((q) => q.close()));
    expect(bodies.sort()).toEqual(['menunggu 0', 'menunggu 1', 'menunggu 2']);
    // The old key alone can open none of it.
    const [row] = await database.db.select().from(contacts).limit(1);
    expect(() => row && before.decrypt(row.addressEnc)).toThrow();
  });

  it('suara keys rotate re-seals through the CLI, prints the count, and keys status shows where values are', async () => {
    // A value written by a process still running with the old key only.
    await database.db.insert(contacts).values({
      pseudonym: 'W-LATE',
      channel: 'whatsapp',
      addressHash: before.hash(numberOf(500)),
      addressEnc: before.encrypt(numberOf(500)),
      provider: 'twilio',
    });
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      INBOUND_PARTITIONS: String(PARTITIONS),
      PII_KEY: OLD.toString('hex'),
      PII_KEYS: `1:${NEW.toString('hex')}`,
    };
    const status = await runCli(['keys', 'status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/contacts\.address_enc\s+0\s+1/);
    expect(status.stdout).not.toContain(OLD.toString('hex'));

    const rotate = await runCli(['keys', 'rotate', '--batch-size', '7'], env);
    expect(rotate.stderr).toBe('');
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toContain('contacts.address_enc: 1 re-sealed');
    expect(rotate.stdout).toContain('1 values re-sealed with key "1"');

    const lookup = await runCli(['keys', 'lookup-key'], env);
    expect(lookup.stdout.trim()).toBe(lookupKeyFromMaster(OLD).toString('hex'));

    // Without the old key: PII_LOOKUP_KEY keeps the hashes, and status shows nothing left on key 0.
    // (production: outside it a development key file would stand in as key 0.)
    const withoutOld = { ...env, NODE_ENV: 'production', PII_KEY: '', PII_LOOKUP_KEY: lookup.stdout.trim() };
    const final = await runCli(['keys', 'status'], withoutOld);
    expect(final.stderr).toBe('');
    expect(final.code).toBe(0);
    expect(final.stdout).toMatch(/^1\s+[0-9a-f]{8}\s+current$/m);
    expect(final.stdout).not.toMatch(/^0\s/m);
    expect(final.stdout).toMatch(/contacts\.address_enc\s+1\s+26/);
    expect(final.stdout).not.toContain('not configured');
    const [late] = await database.db.select().from(contacts).where(eq(contacts.pseudonym, 'W-LATE'));
    expect(late && after.decrypt(late.addressEnc)).toBe(numberOf(500));
    const total = await database.db.execute(
      sql`select count(*)::int as n from contacts where address_enc like 'v2.1.%'`,
    );
    expect(total.rows[0]).toEqual({ n: CONTACTS + 1 });
  });
});
