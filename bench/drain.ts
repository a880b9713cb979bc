/**
 * Drain benchmark: a burst of inbound messages already acknowledged to the provider (in the queues)
 * from many contacts, taken by `suara worker` to stored messages, conversation turns, reports and
 * replies handed to the send queue; against a naive worker that only INSERTs each job (the baseline,
 * bench/drain-reference.ts). Each runs in its own process; this one only fills the queues and watches
 * Postgres. Rates are measured between the first and the last commit, so start-up does not count.
 *
 * BENCH_CONTACTS (default 5000) × 10 messages; INBOUND_PARTITIONS is passed to both sides (the
 * naive worker runs that many jobs at once); BENCH_WORKERS (default 1) `suara worker` processes;
 * BENCH_CPU_PROF=dir writes a CPU profile of the worker.
 *
 * Besides the draining processes' CPU time per message, the CPU time of the local Postgres (postmaster,
 * backends, background workers) and Redis per message is printed, and from the sum the most messages a
 * second this machine's cores could take: run it on an otherwise quiet machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Queue } from 'bullmq';
import pg from 'pg';
import { inboundJobId, sealInbound } from '../src/pipeline/inbound-job.js';
import { createInboundProducer } from '../src/pipeline/inbound-producer.js';
import { createRedisConnection } from '../src/pipeline/redis-connection.js';
import { createPiiCipher } from '../src/privacy/pii-cipher.js';
import { deleteQueueKeys } from '../test/support/delete-queue-keys.js';
import { stopChild } from './bench-processes.js';
import { drainMessage, MESSAGES_PER_CONTACT } from './drain-messages.js';
import { processCpuMs } from './process-cpu-ms.js';
import { localServiceCpu, type ServiceCpu } from './service-cpu-ms.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 5000);
const TOTAL = CONTACTS * MESSAGES_PER_CONTACT;
const PARTITIONS = Number(process.env.INBOUND_PARTITIONS ?? 8);
/** `suara worker` processes sharing the partitions (one per core is the usual size). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900) * 1000;

interface Drained {
  name: string;
  /** CPU time (user + system) the draining processes used per message, in ms: steadier than rates on a busy machine. */
  cpuPerMessageMs: number;
  /** The same for the local Postgres and Redis (NaN when they are not on this machine). */
  postgresCpuPerMessageMs: number;
  redisCpuPerMessageMs: number;
  done: number;
  seconds: number;
  perSecond: number;
  wallSeconds: number;
}

async function waitUntilDone(
  children: ChildProcess[],
  services: ServiceCpu,
  client: pg.Client,
  name: string,
  countSql: string,
  spanSql: string,
  startedAt: number,
): Promise<Drained> {
  let done = 0;
  let lastPrint = 0;
  // Counted from the first commit on, so that start-up (loading flows, gazetteer) is left out.
  let cpuFrom = Number.NaN;
  let servicesFrom = services.read();
  let doneFrom = 0;
  while (done < TOTAL && Date.now() - startedAt < TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    done = Number((await client.query<{ n: string }>(countSql)).rows[0]?.n ?? 0);
    if (Number.isNaN(cpuFrom) && done > 0) {
      cpuFrom = cpuOf(children);
      servicesFrom = services.read();
      doneFrom = done;
    }
    if (Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      process.stdout.write(`  ${name}: ${done}/${TOTAL}\n`);
    }
  }
  const wallSeconds = (Date.now() - startedAt) / 1000;
  const cpuPerMessageMs = (cpuOf(children) - cpuFrom) / Math.max(1, done - doneFrom);
  const service = services.perMessage(servicesFrom, done - doneFrom);
  const span = (await client.query<{ s: number | null }>(spanSql)).rows[0]?.s ?? Number.NaN;
  return {
    name,
    cpuPerMessageMs,
    postgresCpuPerMessageMs: service.postgres,
    redisCpuPerMessageMs: service.redis,
    done,
    seconds: span,
    perSecond: done / span,
    wallSeconds,
  };
}

const cpuOf = (children: ChildProcess[]): number =>
  children.reduce((sum, child) => sum + processCpuMs(child.pid), 0);

async function main(): Promise<number> {
  const dbName = `suara_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const prefix = `benchdrain${randomBytes(3).toString('hex')}`;
  const piiKey = randomBytes(32);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    INBOUND_PARTITIONS: String(PARTITIONS),
    PII_KEY: piiKey.toString('hex'),
    PUBLIC_URL: 'https://suara.example.org',
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_AUTH_TOKEN: 'bench-auth-token',
    // The drain ends when a reply is handed to the send queue; sending (to nothing here) is kept slow
    // so that it does not take the cores the turns are measured on.
    TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
    OUTBOUND_RATE_PER_SECOND: '1',
  };
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const migrate = spawn(process.execPath, ['dist/main.js', 'migrate'], { env, stdio: 'ignore' });
  if ((await once(migrate, 'exit'))[0] !== 0) throw new Error('suara migrate failed');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const cipher = createPiiCipher(piiKey);
  const redis = createRedisConnection(REDIS_URL, 'producer');
  const services = await localServiceCpu({ postgresUrl: ADMIN_URL, redisUrl: REDIS_URL });
  const startMs = Date.now() - 10 * 60_000;
  process.stdout.write(`${CONTACTS} contacts × ${MESSAGES_PER_CONTACT} messages, ${PARTITIONS} partitions\n`);

  // (a) The baseline: the same sealed jobs, one queue, one INSERT each.
  await client.query(
    'create table naive_drain (job_id text primary key, payload jsonb, at timestamptz not null default clock_timestamp())',
  );
  const naiveQueue = new Queue('naive', { connection: redis, prefix: `${prefix}naive` });
  for (let index = 0; index < MESSAGES_PER_CONTACT; index++) {
    await naiveQueue.addBulk(
      Array.from({ length: CONTACTS }, (_, contact) => {
        const message = drainMessage(contact, index, startMs);
        return {
          name: 'inbound',
          data: sealInbound(message, cipher),
          opts: { jobId: inboundJobId(message) },
        };
      }),
    );
  }
  const naive = spawn(process.execPath, ['--import', 'tsx', 'bench/drain-reference.ts'], {
    env: { ...env, BENCH_QUEUE_PREFIX: `${prefix}naive`, BENCH_CONCURRENCY: String(PARTITIONS) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const a = await waitUntilDone(
    [naive],
    services,
    client,
    '(a) naive queue → INSERT',
    'select count(*)::text as n from naive_drain',
    'select extract(epoch from max(at) - min(at))::float8 as s from naive_drain',
    Date.now(),
  );
  await stopChild(naive);
  await naiveQueue.close();

  // (b) Suara: the same messages through the real producer (sealed, partitioned), then `suara worker`.
  const producer = createInboundProducer({
    connection: redis,
    prefix,
    partitions: PARTITIONS,
    timeoutMs: 30_000,
    cipher,
  });
  for (let index = 0; index < MESSAGES_PER_CONTACT; index++) {
    await Promise.all(
      Array.from({ length: CONTACTS }, (_, contact) =>
        producer.enqueue(drainMessage(contact, index, startMs)),
      ),
    );
  }
  const profileDir = process.env.BENCH_CPU_PROF;
  const workers = Array.from({ length: WORKERS }, () =>
    spawn(
      process.execPath,
      [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'dist/main.js', 'worker'],
      {
        env,
        // BENCH_WORKER_LOG=file keeps the workers' log lines (timings per message) for reading afterwards.
        stdio: [
          'ignore',
          process.env.BENCH_WORKER_LOG ? openSync(process.env.BENCH_WORKER_LOG, 'a') : 'ignore',
          'inherit',
        ],
      },
    ),
  );
  const b = await waitUntilDone(
    workers,
    services,
    client,
    `(b) suara worker × ${WORKERS}`,
    "select count(*)::text as n from messages where direction = 'inbound' and handled_at is not null",
    "select extract(epoch from max(handled_at) - min(handled_at))::float8 as s from messages where direction = 'inbound'",
    Date.now(),
  );
  await Promise.all(workers.map(stopChild));
  await producer.close();

  const one = async (sql: string): Promise<number> =>
    Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? Number.NaN);
  const stored = await one("select count(*)::text as n from messages where direction = 'inbound'");
  const reports = await one('select count(*)::text as n from reports');
  const replies = await one("select count(*)::text as n from messages where direction = 'outbound'");
  const notQueued = await one(
    "select count(*)::text as n from messages where direction = 'outbound' and enqueued_at is null",
  );
  // Per-contact order: no message handled before an earlier one of the same contact.
  const outOfOrder = await one(`select count(*)::text as n from (
      select handled_at < lag(handled_at) over (partition by contact_id order by created_at, provider_message_id) as early
      from messages where direction = 'inbound') t where early`);

  console.table(
    [a, b].map((d) => ({
      target: d.name,
      messages: d.done,
      'first→last commit s': d.seconds.toFixed(1),
      'messages/s': Math.round(d.perSecond),
      'wall s (incl. start-up)': d.wallSeconds.toFixed(1),
      'process CPU ms/message': d.cpuPerMessageMs.toFixed(2),
      'Postgres CPU ms/message': d.postgresCpuPerMessageMs.toFixed(2),
      'Redis CPU ms/message': d.redisCpuPerMessageMs.toFixed(2),
    })),
  );
  // What the cores allow at this cost: every message needs the worker, Postgres and Redis.
  const cpuPerMessage = b.cpuPerMessageMs + b.postgresCpuPerMessageMs + b.redisCpuPerMessageMs;
  console.log(
    `CPU per message, worker + Postgres + Redis: ${cpuPerMessage.toFixed(2)} ms, so at most ` +
      `${Math.round((availableParallelism() * 1000) / cpuPerMessage)} messages/s on ${availableParallelism()} cores ` +
      `(naive: ${(a.cpuPerMessageMs + a.postgresCpuPerMessageMs + a.redisCpuPerMessageMs).toFixed(2)} ms)`,
  );
  const checks = [
    [`suara: ${Math.round(b.perSecond)} messages/s (target ≥ 1000)`, b.perSecond >= 1000],
    [`ratio suara/naive = ${(b.perSecond / a.perSecond).toFixed(3)}`, true],
    [
      `stored ${stored}, handled ${b.done} of ${TOTAL} (target: all, once)`,
      stored === TOTAL && b.done === TOTAL,
    ],
    [`out of per-contact order: ${outOfOrder} (target 0)`, outOfOrder === 0],
    [`replies ${replies}, not handed to the send queue ${notQueued} (target 0)`, notQueued === 0],
    [`reports made: ${reports}`, reports > 0],
  ] as const;
  for (const [text, pass] of checks) console.log(`${pass ? 'PASS' : 'FAIL'}  ${text}`);

  await client.end();
  await deleteQueueKeys(redis, prefix);
  await deleteQueueKeys(redis, `${prefix}naive`);
  redis.disconnect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  return checks.slice(2).every(([, pass]) => pass) ? 0 : 1;
}

process.exitCode = await main();
