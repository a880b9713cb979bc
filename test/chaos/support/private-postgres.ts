import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../support/private-redis.js';

const run = promisify(execFile);

/** A Postgres cluster of the chaos suite's own (initdb into a temporary directory); never the shared one. */
export interface PrivatePostgres {
  port: number;
  /** A URL for `database` on this cluster (trust authentication, user postgres). */
  url(database: string): string;
  /** Stops the server at once (`pg_ctl stop -m immediate`: what a crash looks like to its clients). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Terminates the backends of `database` other than the caller's, as an operator or a failover would;
   * `where` narrows them (e.g. `wait_event_type = 'Lock'`). Returns how many were terminated.
   */
  terminateBackends(database: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/** Debian keeps each major version's server binaries outside PATH; the newest installed one is used. */
function serverBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (!version) throw new Error('no Postgres server binaries under /usr/lib/postgresql (install postgresql)');
  return join(root, version, 'bin');
}

/**
 * Postgres refuses to run as root: as root the cluster belongs to the `postgres` system user and every
 * server command runs as it (runuser); otherwise as the current user.
 */
async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinDir();
  const owner = await postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'suara-chaos-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const as = (command: string, args: string[]) =>
    owner
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);

  await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  // fsync off: the suite kills the server process, never the machine, so the OS cache holds every write.
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-k ${dir}`,
    '-c fsync=off',
    '-c max_connections=200',
  ].join(' ');
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop']);
  };
  await start();
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

  return {
    port,
    url,
    stop,
    start,
    async terminateBackends(database, where = 'true') {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and (${where})`,
          [database],
        );
        let terminated = 0;
        for (const { pid } of rows) {
          const result = await client.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
          if (result.rows[0]?.ok) terminated += 1;
        }
        return terminated;
      } finally {
        await client.end();
      }
    },
    async close() {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
