import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/private-redis.js';

/** A Redis of the chaos suite's own, persisted as production runs it; never the shared one. */
export interface ChaosRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL), as a crash or an outage would. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same directory, so the AOF is replayed. */
  start(): Promise<void>;
  /** Every file Redis wrote (the AOF and its manifest), for scanning what it holds on disk. */
  files(): Buffer[];
  close(): Promise<void>;
}

/**
 * AOF on, synced on every write (`appendfsync always`), `noeviction`: a SIGKILL then loses no acknowledged
 * job, so every message lost in the suite is Suara's doing, not the kill's. (`everysec`, the production
 * recommendation, may lose the last second of writes to a crash of Redis itself; where Redis is not
 * killed it is what runs, and a busy disk's fsyncs do not slow every enqueue.)
 */
export async function startChaosRedis(fsync: 'always' | 'everysec' = 'always'): Promise<ChaosRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'suara-chaos-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    const spawned = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        fsync,
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = spawned;
    let output = '';
    const collect = (chunk: Buffer) => {
      output += String(chunk);
    };
    spawned.stdout?.on('data', collect);
    spawned.stderr?.on('data', collect);
    const deadline = Date.now() + 30_000;
    // After a restart Redis loads the AOF before it accepts connections.
    while (!/Ready to accept connections/.test(output)) {
      if (spawned.exitCode !== null || Date.now() > deadline)
        throw new Error(`redis-server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    files: () => filesUnder(dir).map((path) => readFileSync(path)),
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
