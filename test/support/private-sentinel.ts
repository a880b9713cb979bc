import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './private-redis.js';

/** A Redis master with replicas and one sentinel watching them, all of a test's own, on free ports. */
export interface PrivateSentinelGroup {
  /** The master's name in `sentinel monitor`. */
  name: string;
  /** `host:port` of the sentinel, as REDIS_SENTINELS takes it. */
  sentinels: string;
  /** The data nodes' ports; the first started as master. */
  ports: number[];
  /** Asks the sentinel which port it currently names as master. */
  masterPort(): Promise<number>;
  /** SIGKILLs the data node on `port`, as a crash would. */
  kill(port: number): Promise<void>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Sentinel runs from the redis-server binary in sentinel mode (`redis-server <file> --sentinel`, what the
 * redis-sentinel command is), so nothing beyond redis-server is needed. Short down-after and failover
 * timeouts make a failover take about two seconds instead of the production default's thirty.
 */
export async function startPrivateSentinelGroup(replicas = 2): Promise<PrivateSentinelGroup> {
  const name = 'suara-test';
  const dir = mkdtempSync(join(tmpdir(), 'suara-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const ports: number[] = [];

  const startNode = async (port: number, args: string[]) => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        HOST,
        '--dir',
        dir,
        '--dbfilename',
        `dump-${port}.rdb`,
        '--appendonly',
        'yes',
        '--appenddirname',
        `aof-${port}`,
        '--appendfsync',
        'always',
        '--save',
        '',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.set(port, child);
    await waitForOutput(child, /Ready to accept connections/);
  };

  const master = await freePort();
  ports.push(master);
  await startNode(master, []);
  for (let i = 0; i < replicas; i++) {
    const port = await freePort();
    ports.push(port);
    await startNode(port, ['--replicaof', HOST, String(master)]);
  }

  const sentinelPort = await freePort();
  const sentinelFile = join(dir, 'sentinel.conf');
  writeFileSync(
    sentinelFile,
    [
      `port ${sentinelPort}`,
      `bind ${HOST}`,
      `dir ${dir}`,
      `sentinel monitor ${name} ${HOST} ${master} 1`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 5000`,
      `sentinel parallel-syncs ${name} ${replicas}`,
      '',
    ].join('\n'),
  );
  const sentinel = spawn('redis-server', [sentinelFile, '--sentinel'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(sentinel, /\+monitor master/);
  const admin = new Redis({ host: HOST, port: sentinelPort, lazyConnect: true, maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
  await admin.connect();
  // A sentinel can only promote replicas it knows of: wait until it has seen them all, linked to the master.
  await waitUntil(async () => {
    const known = (await admin.call('SENTINEL', 'REPLICAS', name)) as string[][];
    const linked = known.filter((fields) => fields.join(' ').includes('master-link-status ok'));
    return linked.length === replicas;
  }, 20_000);

  const masterPort = async () => {
    const address = (await admin.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
    return Number(address[1]);
  };
  const kill = async (port: number) => {
    const child = children.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };

  return {
    name,
    sentinels: `${HOST}:${sentinelPort}`,
    ports,
    masterPort,
    kill,
    async close() {
      admin.disconnect();
      for (const port of ports) await kill(port);
      if (sentinel.exitCode === null && sentinel.signalCode === null) {
        const exited = once(sentinel, 'exit');
        sentinel.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
    return pattern.test(output);
  }, 10_000);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('redis group did not reach the expected state in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
