import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './private-redis.js';

/** A PgBouncer of a test's own in transaction pooling mode, in front of the test Postgres. */
export interface PrivatePgBouncer {
  /** `postgresUrl` with host and port replaced by the bouncer's. */
  url(postgresUrl: string): string;
  /** The bouncer's admin console (SHOW POOLS, SHOW CONFIG): simple-protocol queries only. */
  adminUrl: string;
  close(): Promise<void>;
}

/**
 * `serverConnections` is the number of Postgres connections the bouncer opens per database and user
 * (default_pool_size): kept below the application's pool size, so clients really take turns on them
 * and any state left on a server connection would be seen by another client. PgBouncer refuses to run
 * as root; as root it runs as the `postgres` system user.
 */
export async function startPrivatePgBouncer(
  postgresUrl: string,
  options: { serverConnections?: number } = {},
): Promise<PrivatePgBouncer> {
  const postgres = new URL(postgresUrl);
  const user = decodeURIComponent(postgres.username || 'postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'suara-pgbouncer-'));
  chmodSync(dir, 0o755);
  // Trust, like the test Postgres: the user must still be listed.
  writeFileSync(join(dir, 'users.txt'), `"${user}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${postgres.hostname} port=${postgres.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.serverConnections ?? 4}`,
      'max_client_conn = 500',
      `admin_users = ${user}`,
      '',
    ].join('\n'),
  );
  const asUser = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
  const child = spawn('pgbouncer', [join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...asUser,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += String(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let missing: Error | null = null;
  child.once('error', (error) => {
    missing = error;
  });
  const deadline = Date.now() + 10_000;
  while (!/process up/.test(output)) {
    if (missing)
      throw new Error(
        `pgbouncer could not be started (${String(missing)}): install it (Debian: apt-get install pgbouncer; .ci/run does)`,
      );
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`pgbouncer did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const url = (target: string) => {
    const through = new URL(target);
    through.hostname = '127.0.0.1';
    through.port = String(port);
    return through.toString();
  };
  return {
    url,
    adminUrl: `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/pgbouncer`,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function systemUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
