import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../../src/project-path.js';

export type SuaraCommand = 'serve' | 'api' | 'worker';

export interface ProcessExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** False when the suite did not kill it: a process that died of an outage. */
  expected: boolean;
}

/**
 * One `suara serve|api|worker` process, supervised the way systemd's `Restart=always` or a container
 * restart policy would: a process that dies without the suite killing it is recorded and started again,
 * so the run goes on and the unexpected exit fails the suite at the end.
 */
export interface SuaraProcess {
  name: string;
  command: SuaraCommand;
  /** The HTTP port for serve and api. */
  port: number | null;
  running(): boolean;
  start(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would. Recorded as expected. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the graceful shutdown. */
  stop(): Promise<void>;
  exits: ProcessExit[];
  /** Everything it wrote to stdout and stderr, every incarnation. */
  output(): string;
}

export interface SuaraProcessOptions {
  name: string;
  command: SuaraCommand;
  env: Record<string, string>;
  port: number | null;
  /** How long a start may take on a busy machine (tsx compiles the sources at each start). */
  startTimeoutMs?: number;
}

/**
 * How Suara is started: the build in dist/ when it is newer than every source file (CI builds before it
 * tests: a start takes a second or two), otherwise the sources through tsx (a start compiles them, which
 * takes far longer on a busy machine). CHAOS_ENTRY=dist|src decides instead.
 */
export function suaraEntry(): string[] {
  const built = projectPath('dist', 'main.js');
  const choice =
    process.env.CHAOS_ENTRY ??
    (existsSync(built) && statSync(built).mtimeMs > newestSource() ? 'dist' : 'src');
  return choice === 'dist' ? [built] : ['--import', 'tsx', projectPath('src', 'main.ts')];
}

function newestSource(dir = projectPath('src')): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }, 0);
}

export function createSuaraProcess(options: SuaraProcessOptions): SuaraProcess {
  const entry = suaraEntry();
  const chunks: string[] = [];
  const exits: ProcessExit[] = [];
  let child: ChildProcess | null = null;
  let killing = false;
  let closed = false;
  let restarting: Promise<void> | null = null;

  const spawnOnce = async () => {
    killing = false;
    // Node itself (with tsx as a loader for the sources): the tsx binary would run Suara in a grandchild
    // that a SIGKILL of the wrapper leaves alive.
    const spawned = spawn(process.execPath, [...entry, options.command], {
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    let current = '';
    const collect = (chunk: Buffer) => {
      const text = String(chunk);
      chunks.push(text);
      current += text;
    };
    spawned.stdout?.on('data', collect);
    spawned.stderr?.on('data', collect);
    spawned.on('exit', (code, signal) => {
      exits.push({ name: options.name, code, signal, expected: killing || closed });
      if (!killing && !closed && !restarting) {
        // A second's pause, as systemd's RestartSec: a process that cannot start does not spin.
        restarting = new Promise((resolve) => setTimeout(resolve, 1_000))
          .then(spawnOnce)
          .catch((error: unknown) => {
            chunks.push(`\n[chaos] restart failed: ${String(error)}\n`);
          })
          .finally(() => {
            restarting = null;
          });
      }
    });
    const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
    for (;;) {
      if (spawned.exitCode !== null || spawned.signalCode !== null)
        throw new Error(`${options.name} exited while starting:\n${current.slice(-3000)}`);
      if (Date.now() > deadline)
        throw new Error(`${options.name} did not start in time:\n${current.slice(-3000)}`);
      if (await ready(current)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const ready = async (output: string) => {
    if (options.command !== 'api' && !output.includes('workers started')) return false;
    if (options.port === null) return true;
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/healthz`);
      return response.ok;
    } catch {
      return false;
    }
  };

  const signal = async (name: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    killing = true;
    const exited = once(running, 'exit');
    running.kill(name);
    await exited;
  };

  return {
    name: options.name,
    command: options.command,
    port: options.port,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    start: spawnOnce,
    kill: () => signal('SIGKILL'),
    async stop() {
      closed = true;
      await restarting;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
    exits,
    output: () => chunks.join(''),
  };
}
