/**
 * Reply latency benchmark (`npm run bench:latency`): a steady BENCH_RATE (100) signed Twilio SMS webhooks
 * per second from BENCH_CONTACTS (1,000) contacts for BENCH_DURATION (60) seconds, each contact going
 * through a conversation (complaint, answers, STATUS), against
 *   (a) the baseline (bench/latency-reference.ts): signature check, a BullMQ job, a worker in the same
 *       process that sends one reply through the `twilio` SDK at once;
 *   (b) `suara serve` (API and workers in one process) with the default COALESCE_WINDOW_MS;
 *   (c) `suara serve` with COALESCE_WINDOW_MS=0.
 * With BENCH_WORKERS=N, (b) and (c) run the scaled-out layout instead: `suara api` and N `suara worker`
 * processes (their CPU time summed).
 * Each server and the Twilio stand-in run in processes of their own; the load generator runs here. A
 * message's latency runs from its webhook's 200 (as the load generator sees it) to the first reply of its
 * turn reaching the stand-in. Each Suara run has its own throwaway database and queue prefix.
 * Exits non-zero only if a message was refused or never answered, not on a missed latency target.
 *
 * BENCH_RATE, BENCH_CONTACTS, BENCH_DURATION, BENCH_LATE_MS (10000), BENCH_SETTLE_SECONDS (900: the longest
 * wait for a backlog to clear); BENCH_SERVE_LOG=file keeps each `suara serve`'s log in file.1, file.2;
 * BENCH_CPU_PROF=dir writes CPU profiles of them.
 *
 * Besides each server's CPU time per message, the local Postgres's and Redis's are printed, and for each
 * Suara run the rate its CPU cost allows on this machine's cores: run it on an otherwise quiet machine.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { removeBenchState, stopChild, waitForReady } from './bench-processes.js';
import { type LatencyFigures, latencyFigures } from './latency-figures.js';
import { firstReplyAt, referenceAnswers, suaraAnswers } from './latency-first-reply.js';
import { sendSteadyLoad } from './latency-load.js';
import type { ReplyArrival } from './latency-stand-in.js';
import { type StandInProcess, startStandInProcess } from './latency-stand-in-process.js';
import { suaraBacklog } from './latency-suara-backlog.js';
import { processCpuMs } from './process-cpu-ms.js';
import { localServiceCpu } from './service-cpu-ms.js';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1000);
const DURATION = Number(process.env.BENCH_DURATION ?? 60);
const LATE_MS = Number(process.env.BENCH_LATE_MS ?? 10_000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_SECONDS ?? 900) * 1000;
const TARGET_P99_MS = 2000;
/** `suara worker` processes beside a `suara api` in (b) and (c); 0 (default): one `suara serve`. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const SYSTEM = WORKERS > 0 ? `suara api + ${WORKERS} × suara worker` : 'suara serve';
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AUTH_TOKEN = 'bench-auth-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const PUBLIC_URL = 'https://suara.example.org';
const SMS_FROM = '+15005550006';
/** The local Postgres's and Redis's CPU time, found once before the runs. */
const services = await localServiceCpu({ postgresUrl: ADMIN_URL, redisUrl: REDIS_URL });

/** What the bench asks of a system once the load is over. */
interface MeasuredSystem {
  /** The server's processes, whose CPU time per message is reported (summed). */
  pids: (number | undefined)[];
  /** True once it has nothing left to answer. */
  settled(accepted: number, arrivals: ReplyArrival[]): Promise<boolean>;
  /** Which inbound MessageSid each reply (by the stand-in's sid) answers. */
  answers(arrivals: ReplyArrival[]): Promise<Map<string, string>>;
}

interface Measured {
  /** From the last webhook's 200 to the last reply: how long the backlog took to clear. */
  tailMs: number;
  /** The server processes' CPU time (user + system) per accepted message, load and backlog included. */
  cpuMsPerMessage: number;
  /** The same for the local Postgres and Redis, load and backlog included (NaN when not on this machine). */
  postgresCpuMsPerMessage: number;
  redisCpuMsPerMessage: number;
  name: string;
  figures: LatencyFigures;
  maxLagMs: number;
  load: string;
}

const formatLoad = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Loads one system, waits until its replies stop coming, and works out each message's latency. */
async function measure(
  name: string,
  run: number,
  url: string,
  standIn: StandInProcess,
  system: MeasuredSystem,
): Promise<Measured> {
  process.stdout.write(
    `${name}: ${RATE}/s from ${CONTACTS} contacts for ${DURATION}s (load ${formatLoad()})\n`,
  );
  const serverCpuMs = () => system.pids.reduce<number>((sum, pid) => sum + processCpuMs(pid), 0);
  const cpuBefore = serverCpuMs();
  const servicesBefore = services.read();
  const load = await sendSteadyLoad({
    url: `${url}/webhooks/twilio`,
    signedUrl: `${PUBLIC_URL}/webhooks/twilio`,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    to: SMS_FROM,
    run,
    contacts: CONTACTS,
    perSecond: RATE,
    durationSeconds: DURATION,
  });
  const loadAfter = formatLoad();
  // Replies still on their way: wait until the system has nothing left to answer and none came for 2 s.
  const lastAck = Math.max(...load.sent.map((webhook) => webhook.ackAt));
  const accepted = load.sent.filter((webhook) => webhook.status === 200).length;
  let arrivals = await standIn.arrivals();
  let count = -1;
  let lastPrint = Date.now();
  while (Date.now() - lastAck < SETTLE_MS) {
    count = arrivals.length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    arrivals = await standIn.arrivals();
    if (arrivals.length === count && (await system.settled(accepted, arrivals))) break;
    if (Date.now() - lastPrint > 15_000) {
      lastPrint = Date.now();
      process.stdout.write(
        `  ${arrivals.length} replies so far, ${Math.round((lastPrint - lastAck) / 1000)} s after the last 200\n`,
      );
    }
  }
  const figures = latencyFigures(load.sent, firstReplyAt(arrivals, await system.answers(arrivals)), LATE_MS);
  const lastReply = Math.max(...arrivals.map((arrival) => arrival.at));
  const cpuMsPerMessage = (serverCpuMs() - cpuBefore) / Math.max(1, accepted);
  const service = services.perMessage(servicesBefore, accepted);
  return {
    name,
    postgresCpuMsPerMessage: service.postgres,
    redisCpuMsPerMessage: service.redis,
    figures,
    maxLagMs: load.maxLagMs,
    load: loadAfter,
    tailMs: lastReply - lastAck,
    cpuMsPerMessage,
  };
}

async function measureReference(env: NodeJS.ProcessEnv): Promise<Measured> {
  const standIn = await startStandInProcess();
  const prefix = `benchlatref${randomBytes(3).toString('hex')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/latency-reference.ts'], {
    env: {
      ...env,
      BENCH_AUTH_TOKEN: AUTH_TOKEN,
      BENCH_ACCOUNT_SID: ACCOUNT_SID,
      BENCH_PUBLIC_URL: PUBLIC_URL,
      BENCH_SMS_FROM: SMS_FROM,
      BENCH_QUEUE_PREFIX: prefix,
      BENCH_TWILIO_API_BASE_URL: standIn.url,
      BENCH_CONCURRENCY: env.INBOUND_PARTITIONS ?? '8',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const url = line.toString('utf8').trim().split('\n')[0] ?? '';
    if (!url.startsWith('http')) throw new Error(`the reference server did not start: ${url}`);
    return await measure('(a) baseline: signature, BullMQ job, worker sends one reply', 0, url, standIn, {
      pids: [child.pid],
      settled: async (accepted, arrivals) => arrivals.length >= accepted,
      answers: async (arrivals) => referenceAnswers(arrivals),
    });
  } finally {
    await stopChild(child);
    await standIn.close();
    await removeBenchState({ redisUrl: REDIS_URL, prefixes: [prefix] });
  }
}

async function measureSuara(name: string, run: number, extra: NodeJS.ProcessEnv): Promise<Measured> {
  const standIn = await startStandInProcess();
  const dbName = `suara_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const prefix = `benchlat${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PII_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_SMS_FROM: SMS_FROM,
    TWILIO_API_BASE_URL: standIn.url,
    // High enough that the provider rate limit does not dominate (issue: measure the service, not the limit).
    OUTBOUND_RATE_PER_SECOND: process.env.OUTBOUND_RATE_PER_SECOND ?? '1000',
    // One load generator on loopback is one IP sending for a thousand citizens.
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0',
    ...extra,
  };
  const migrate = spawn(process.execPath, ['dist/main.js', 'migrate'], { env, stdio: 'ignore' });
  if ((await once(migrate, 'exit'))[0] !== 0) throw new Error('suara migrate failed');
  // BENCH_SERVE_LOG=file keeps `suara serve`'s log lines (one per handled message, with timings).
  const log = process.env.BENCH_SERVE_LOG ? openSync(`${process.env.BENCH_SERVE_LOG}.${run}`, 'w') : 'ignore';
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of each `suara serve` into dir.
  const profile = process.env.BENCH_CPU_PROF;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const serve = spawn(process.execPath, [...nodeArgs, 'dist/main.js', WORKERS > 0 ? 'api' : 'serve'], {
    env,
    stdio: ['ignore', log, 'inherit'],
  });
  // Worker processes on one machine need metrics ports of their own, or none.
  const workers = Array.from({ length: WORKERS }, () =>
    spawn(process.execPath, ['dist/main.js', 'worker'], {
      env: { ...env, METRICS_PORT: '0' },
      stdio: ['ignore', log, 'inherit'],
    }),
  );
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(url, WORKERS > 0 ? 'suara api' : 'suara serve');
    return await measure(name, run, url, standIn, {
      pids: [serve.pid, ...workers.map((worker) => worker.pid)],
      // Every message stored by the webhook is in Postgres, so an empty backlog means all answered.
      settled: async () => (await suaraBacklog(databaseUrl)) === 0,
      answers: () => suaraAnswers(databaseUrl),
    });
  } finally {
    await Promise.all([serve, ...workers].map(stopChild));
    await standIn.close();
    await removeBenchState({
      redisUrl: REDIS_URL,
      prefixes: [prefix],
      adminUrl: ADMIN_URL,
      database: dbName,
    });
  }
}

async function main(): Promise<number> {
  const reference = await measureReference({ ...process.env, REDIS_URL });
  const coalescing = await measureSuara(`(b) ${SYSTEM}, COALESCE_WINDOW_MS default (3000)`, 1, {});
  const immediate = await measureSuara(`(c) ${SYSTEM}, COALESCE_WINDOW_MS=0`, 2, {
    COALESCE_WINDOW_MS: '0',
  });
  const all = [reference, coalescing, immediate];
  const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '—');
  console.table(
    all.map(({ name, figures: f, maxLagMs, load, tailMs, ...cpu }) => ({
      system: name,
      accepted: f.accepted,
      refused: f.refused,
      'p50 ms': ms(f.p50),
      'p95 ms': ms(f.p95),
      'p99 ms': ms(f.p99),
      'max ms': ms(f.max),
      [`no reply ≤ ${LATE_MS / 1000} s`]: f.late,
      lost: f.lost,
      'last reply after last 200 s': (tailMs / 1000).toFixed(1),
      'server CPU ms/msg': cpu.cpuMsPerMessage.toFixed(2),
      'Postgres CPU ms/msg': cpu.postgresCpuMsPerMessage.toFixed(2),
      'Redis CPU ms/msg': cpu.redisCpuMsPerMessage.toFixed(2),
      'generator lag ms': ms(maxLagMs),
      'load avg after': load,
    })),
  );
  const base = reference.figures;
  const cores = availableParallelism();
  for (const { name, figures: f, ...cpu } of [coalescing, immediate]) {
    // What the cores allow at this cost, before the load generator and the provider stand-in take theirs.
    const perMessage = cpu.cpuMsPerMessage + cpu.postgresCpuMsPerMessage + cpu.redisCpuMsPerMessage;
    console.log(
      `${name}: CPU per message, server + Postgres + Redis: ${perMessage.toFixed(2)} ms, so at most ` +
        `${Math.round((cores * 1000) / perMessage)} messages/s on ${cores} cores` +
        (WORKERS > 0
          ? ''
          : ` (the server process alone: about ${Math.round(1000 / cpu.cpuMsPerMessage)}/s, its JavaScript running on one thread)`),
    );
    console.log(
      `${name}: p50 ${ms(f.p50)} ms = ${(f.p50 / base.p50).toFixed(1)}× baseline (${ms(base.p50)} ms), ` +
        `p99 ${ms(f.p99)} ms = ${(f.p99 / base.p99).toFixed(1)}× baseline (${ms(base.p99)} ms)`,
    );
    console.log(
      `${f.p99 <= TARGET_P99_MS ? 'PASS' : 'FAIL'}  ${name}: p99 ${ms(f.p99)} ms (target ≤ ${TARGET_P99_MS} ms)`,
    );
  }
  const lost = all.reduce((sum, { figures: f }) => sum + f.lost + f.refused, 0);
  console.log(`${lost === 0 ? 'PASS' : 'FAIL'}  every accepted message answered, none refused (${lost} not)`);
  return lost === 0 ? 0 : 1;
}

process.exitCode = await main();
