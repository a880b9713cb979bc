import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate-database.js';
import { type PrivatePostgres, startPrivatePostgres } from '../chaos/support/private-postgres.js';

const run = promisify(execFile);

/** A CA and a server certificate for 127.0.0.1 signed by it, as a managed Postgres provider has. */
async function makeCertificates(
  dir: string,
  name: string,
): Promise<{ ca: string; cert: string; key: string }> {
  const path = (file: string) => join(dir, `${name}-${file}`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name} CA`,
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.pem'),
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    path('server.key'),
    '-out',
    path('server.csr'),
  ]);
  writeFileSync(path('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    path('server.csr'),
    '-CA',
    path('ca.pem'),
    '-CAkey',
    path('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    path('ext.cnf'),
    '-out',
    path('server.pem'),
  ]);
  return { ca: path('ca.pem'), cert: path('server.pem'), key: path('server.key') };
}

/**
 * Issue 13: managed Postgres over TLS. DATABASE_URL's libpq-style parameters (sslmode, sslrootcert,
 * sslcert, sslkey) reach the driver as they are: a server of the test's own with TLS on, its
 * certificate signed by a CA of the test's own, is migrated and used over a verified connection, and a
 * certificate from another CA is refused.
 */
describe('Postgres over TLS', () => {
  let server: PrivatePostgres;
  let dir: string;
  let ca: string;
  let otherCa: string;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    dir = mkdtempSync(join(tmpdir(), 'suara-pg-tls-'));
    chmodSync(dir, 0o755);
    const issued = await makeCertificates(dir, 'provider');
    ca = issued.ca;
    otherCa = (await makeCertificates(dir, 'stranger')).ca;
    // Postgres wants its key owned by its own user and unreadable by others.
    if (process.getuid?.() === 0) {
      const { stdout: uid } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(issued.key, Number(uid), Number(gid));
      chownSync(issued.cert, Number(uid), Number(gid));
    }
    chmodSync(issued.key, 0o600);
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    await admin.query(`alter system set ssl_cert_file = '${issued.cert}'`);
    await admin.query(`alter system set ssl_key_file = '${issued.key}'`);
    await admin.query('alter system set ssl = on');
    await admin.query('select pg_reload_conf()');
    await admin.end();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('migrates and queries over a verified TLS connection', async () => {
    const url = `${server.url('suara_tls')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`;
    const migrated = await migrateDatabase(url);
    expect(migrated.created).toBe(true);
    const database = createDatabase(url, { max: 2 });
    try {
      const { rows } = await database.pool.query<{ ssl: boolean; migrations: string }>(
        `select ssl, (select count(*) from drizzle.__drizzle_migrations)::text as migrations
           from pg_stat_ssl where pid = pg_backend_pid()`,
      );
      expect(rows[0]?.ssl).toBe(true);
      expect(Number(rows[0]?.migrations)).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const url = `${server.url('suara_tls')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(otherCa)}`;
    const database = createDatabase(url, { max: 1 });
    try {
      await expect(database.pool.query('select 1')).rejects.toThrow(
        /self[- ]signed|unable to verify|certificate/i,
      );
    } finally {
      await database.close();
    }
  });
});
