import { readdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { CLOCK_TICKS_PER_SECOND, procStat } from './process-cpu-ms.js';

/**
 * CPU time (ms) a service has used so far: its main process, its live children (Postgres backends,
 * background workers) and the children it has already reaped. Postgres backends that come and go
 * between two readings are counted, because the postmaster reaps them. NaN when the process is not
 * on this machine.
 */
function serviceCpuMs(pid: number, command: string): number {
  const root = procStat(pid);
  if (!root || root.command !== command) return Number.NaN;
  let ticks = root.own + root.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procStat(Number(entry));
    if (child?.parent === pid) ticks += child.own;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The postmaster's process id, found through a backend's parent (null: Postgres is not on this machine). */
async function postmasterPid(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    const parent = backend === undefined ? undefined : procStat(backend)?.parent;
    return parent && procStat(parent)?.command === 'postgres' ? parent : null;
  } finally {
    await client.end();
  }
}

/** The Redis server's process id, from INFO (null: Redis is not on this machine). */
async function redisServerPid(url: string): Promise<number | null> {
  const redis = new Redis(url);
  try {
    const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    return Number.isFinite(pid) && procStat(pid)?.command === 'redis-server' ? pid : null;
  } finally {
    redis.disconnect();
  }
}

/**
 * Finds the local Postgres (when `postgresUrl` is given) and Redis, and reads their CPU time together,
 * so a run can take the difference. A service on another machine reads as NaN.
 */
export async function localServiceCpu(urls: { postgresUrl?: string; redisUrl: string }) {
  const pids = {
    postgres: urls.postgresUrl ? await postmasterPid(urls.postgresUrl) : null,
    redis: await redisServerPid(urls.redisUrl),
  };
  const read = () => ({
    postgres: pids.postgres === null ? Number.NaN : serviceCpuMs(pids.postgres, 'postgres'),
    redis: pids.redis === null ? Number.NaN : serviceCpuMs(pids.redis, 'redis-server'),
  });
  return {
    read,
    /** CPU ms per message of each service since `from` (a value of `read`). */
    perMessage(from: ReturnType<typeof read>, messages: number) {
      const now = read();
      const n = Math.max(1, messages);
      return { postgres: (now.postgres - from.postgres) / n, redis: (now.redis - from.redis) / n };
    },
  };
}

export type ServiceCpu = Awaited<ReturnType<typeof localServiceCpu>>;
