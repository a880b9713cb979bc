/**
 * What the benches do around the processes they start: wait for a `suara` process to be ready, stop a
 * child, and remove a run's queue keys and database afterwards.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import pg from 'pg';
import { deleteQueueKeys } from '../test/support/delete-queue-keys.js';

/** Polls `url`/readyz until it answers 200, for up to `seconds`. */
export async function waitForReady(url: string, what: string, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not become ready`);
}

/** SIGTERM, then waits for the exit (at once if it already exited). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Deletes the queue keys under each prefix and drops the run's database, if one is named. */
export async function removeBenchState(options: {
  redisUrl: string;
  prefixes: string[];
  adminUrl?: string;
  database?: string;
}): Promise<void> {
  const redis = new Redis(options.redisUrl);
  for (const prefix of options.prefixes) await deleteQueueKeys(redis, prefix);
  redis.disconnect();
  if (!options.adminUrl || !options.database) return;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${options.database}" with (force)`);
  await admin.end();
}
