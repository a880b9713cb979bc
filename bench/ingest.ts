/**
 * Ingest benchmark. The same signed Twilio form bodies are fired at (a) the reference server
 * (bench/ingest-reference.ts, in its own process: signature check and a BullMQ job with the MessageSid
 * as job id, nothing else) and (b) the real `suara api` webhook (signature check, parsing, sealing the
 * number, durable enqueue); then signed Android SMS gateway JSON webhooks at (c) the reference server's
 * JSON route (HMAC check, a job with the event id) and (d) the real `suara api` Android webhook
 * (signature, timestamp and replay checks, durable enqueue). Each server runs in its own process; the
 * load generator runs here. Afterwards a `suara worker` drains the queues and the benchmark checks that
 * every accepted message is in Postgres.
 *
 * Besides each server's CPU time per request, the local Redis's is printed (both sides queue in it).
 *
 * BENCH_CPU_PROF=dir writes V8 CPU profiles of the reference server and `suara api` into dir/reference
 * and dir/suara. The drain waits while messages keep being stored (it gives up after 30 s without one,
 * or after BENCH_DRAIN_SECONDS, default 1800).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import autocannon from 'autocannon';
import pg from 'pg';
import twilio from 'twilio';
import { signAndroidSmsWebhook } from '../src/channels/android-sms/android-sms-signature.js';
import { removeBenchState, stopChild, waitForReady } from './bench-processes.js';
import { processCpuMs } from './process-cpu-ms.js';
import { localServiceCpu } from './service-cpu-ms.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** The drain afterwards gives up when nothing was stored for this long, or after BENCH_DRAIN_SECONDS in all. */
const DRAIN_STALL_MS = 30_000;
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_SECONDS ?? 1800) * 1000;
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AUTH_TOKEN = 'bench-auth-token';
const PUBLIC_URL = 'https://suara.example.org';
const PATH = '/webhooks/twilio';
const ANDROID_PATH = '/webhooks/android-sms';
const SIGNING_KEY = 'bench-signing-key';
/** The local Redis's CPU time, found once before the runs. */
const services = await localServiceCpu({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });

interface Figures {
  name: string;
  rps: number;
  /** The server process's CPU time (user + system) per answered request, in microseconds. */
  cpuPerRequestUs: number;
  /** The local Redis's CPU time per answered request, in microseconds (NaN when not on this machine). */
  redisCpuPerRequestUs: number;
  p50: number;
  p99: number;
  non2xx: number;
  ok: number;
}

let sequence = 0;
function signedRequest(): { body: string; headers: Record<string, string> } {
  sequence += 1;
  const params = {
    AccountSid: 'AC00000000000000000000000000000000',
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    From: `+62812${String(sequence % 5000).padStart(7, '0')}`,
    To: '+15005550006',
    Body: 'air sungai keruh sejak ada tambang, ikan mati',
    NumMedia: '0',
  };
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${PATH}`, params);
  return {
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  };
}

/** An sms:received webhook as the app signs it: hex HMAC-SHA256 of the body followed by X-Timestamp. */
function signedAndroidRequest(): { body: string; headers: Record<string, string> } {
  sequence += 1;
  const body = JSON.stringify({
    deviceId: 'ffffffffceb0b1db0000018e937c815b',
    event: 'sms:received',
    id: randomBytes(16).toString('base64url'),
    payload: {
      messageId: randomBytes(4).toString('hex'),
      message: 'air sungai keruh sejak ada tambang, ikan mati',
      sender: `+62812${String(sequence % 5000).padStart(7, '0')}`,
      simNumber: 1,
      receivedAt: new Date().toISOString(),
    },
    webhookId: 'bench',
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': signAndroidSmsWebhook(SIGNING_KEY, Buffer.from(body), timestamp),
    },
  };
}

async function load(
  name: string,
  url: string,
  server: ChildProcess,
  path = PATH,
  request: () => { body: string; headers: Record<string, string> } = signedRequest,
): Promise<Figures> {
  process.stdout.write(`Loading ${name} for ${DURATION}s with ${CONNECTIONS} connections…\n`);
  const cpuBefore = processCpuMs(server.pid);
  const redisBefore = services.read();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ method: 'POST', path, setupRequest: (base) => ({ ...base, ...request() }) }],
  });
  const cpuMs = processCpuMs(server.pid) - cpuBefore;
  const redisMs = services.perMessage(redisBefore, result['2xx']).redis;
  return {
    name,
    rps: result.requests.average,
    cpuPerRequestUs: (cpuMs * 1000) / Math.max(1, result['2xx']),
    redisCpuPerRequestUs: redisMs * 1000,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    ok: result['2xx'],
  };
}

/** Starts the reference server in its own process and returns its URL once it listens. */
async function referenceServer(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; process: ChildProcess; close: () => Promise<void> }> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/reference`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/ingest-reference.ts'], {
    env: {
      ...env,
      BENCH_AUTH_TOKEN: AUTH_TOKEN,
      BENCH_SIGNING_KEY: SIGNING_KEY,
      BENCH_PUBLIC_URL: PUBLIC_URL,
      BENCH_QUEUE_PREFIX: `${env.QUEUE_PREFIX}ref`,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const url = line.toString('utf8').trim().split('\n')[0] ?? '';
  if (!url.startsWith('http')) throw new Error(`reference server did not start: ${url}`);
  return {
    url,
    process: child,
    close: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function suara(command: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, 'dist/main.js', command], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function countStored(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      "select count(*)::text as n from messages where direction = 'inbound'",
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const dbName = `suara_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
    PII_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    // Nothing answers here: the worker's replies fail and are retried, which the drain does not wait for.
    ANDROID_SMS_API_URL: 'http://127.0.0.1:9',
    ANDROID_SMS_USERNAME: 'bench',
    ANDROID_SMS_PASSWORD: 'bench',
    ANDROID_SMS_SIGNING_KEY: SIGNING_KEY,
    // One load generator on loopback is one IP sending far beyond any citizen: the per-IP and per-contact
    // flood limits would measure themselves, not ingest.
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0',
    CONTACT_MESSAGES_PER_MINUTE: '0',
    CONTACT_REPLIES_PER_DAY: '0',
  };

  const migrate = suara('migrate', env);
  const [code] = await once(migrate, 'exit');
  if (code !== 0) throw new Error('suara migrate failed');

  const reference = await referenceServer(env);
  const a = await load('(a) reference: signature + BullMQ add', reference.url, reference.process);
  const c = await load(
    '(c) reference: HMAC + BullMQ add',
    reference.url,
    reference.process,
    ANDROID_PATH,
    signedAndroidRequest,
  );
  await reference.close();

  const profileDir = process.env.BENCH_CPU_PROF;
  const api = suara('api', env, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/suara`] : []);
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitForReady(apiUrl, 'suara api', 10);
  const b = await load('(b) suara api Twilio webhook', apiUrl, api);
  const d = await load('(d) suara api Android SMS webhook', apiUrl, api, ANDROID_PATH, signedAndroidRequest);
  await stopChild(api);

  const rows = [a, b, c, d].map((f) => ({
    target: f.name,
    'req/s': Math.round(f.rps),
    'p50 ms': f.p50,
    'p99 ms': f.p99,
    'non-2xx': f.non2xx,
    'server CPU µs/req': Math.round(f.cpuPerRequestUs),
    'Redis CPU µs/req': Math.round(f.redisCpuPerRequestUs),
  }));
  console.table(rows);
  const ratio = b.rps / a.rps;
  const androidRatio = d.rps / c.rps;
  const checks = [
    [`ratio b/a = ${ratio.toFixed(3)} (target ≥ 0.8)`, ratio >= 0.8],
    [`p99 of b = ${b.p99} ms (target ≤ 50 ms)`, b.p99 <= 50],
    [`non-2xx of b = ${b.non2xx} (target 0)`, b.non2xx === 0],
    [`Android: ratio d/c = ${androidRatio.toFixed(3)} (target ≥ 0.8)`, androidRatio >= 0.8],
    [`Android: p99 of d = ${d.p99} ms (target ≤ 50 ms)`, d.p99 <= 50],
    [`Android: non-2xx of d = ${d.non2xx} (target 0)`, d.non2xx === 0],
  ] as const;
  for (const [text, pass] of checks) console.log(`${pass ? 'PASS' : 'FAIL'}  ${text}`);
  // Throughput ratios move with whatever else runs on the cores; CPU per request much less so.
  console.log(
    `CPU per request, reference/suara: Twilio ${(a.cpuPerRequestUs / b.cpuPerRequestUs).toFixed(3)}, ` +
      `Android ${(c.cpuPerRequestUs / d.cpuPerRequestUs).toFixed(3)} (1.0 = as cheap as the reference)`,
  );

  process.stdout.write('Draining the queues with suara worker…\n');
  const worker = suara('worker', env);
  let stored = 0;
  const accepted = b.ok + d.ok;
  // One worker drains about 150 messages a second here (bench:drain), so ninety thousand accepted
  // messages take ten minutes: wait as long as it makes progress, and give up only when it stalls.
  let progressAt = Date.now();
  const startedDraining = Date.now();
  for (let i = 0; stored < accepted; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await countStored(databaseUrl);
    if (now > stored) progressAt = Date.now();
    stored = now;
    if (i % 20 === 0) process.stdout.write(`  stored ${stored}/${accepted}\n`);
    if (Date.now() - progressAt > DRAIN_STALL_MS || Date.now() - startedDraining > DRAIN_LIMIT_MS) break;
  }
  await stopChild(worker);
  const allStored = stored >= accepted;
  console.log(
    `${allStored ? 'PASS' : 'FAIL'}  stored in Postgres = ${stored}, accepted (2xx) = ${accepted} (target: all stored)` +
      ` after ${((Date.now() - startedDraining) / 1000).toFixed(0)} s of draining` +
      (allStored ? '' : Date.now() - progressAt > DRAIN_STALL_MS ? ': stalled' : ': out of time'),
  );

  await removeBenchState({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefixes: [env.QUEUE_PREFIX ?? '', `${env.QUEUE_PREFIX}ref`],
    adminUrl: ADMIN_URL,
    database: dbName,
  });
  return allStored ? 0 : 1;
}

process.exitCode = await main();
