import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from '../support/test-database.js';
import { waitFor } from '../support/test-stack.js';

// The PII key is given, as an operator would; each test adds what it is about.
const suara = (args: string[], env: Record<string, string>) =>
  spawnCli(args, { PII_KEY: 'c'.repeat(64), ...env });
const run = (args: string[], env: Record<string, string>) =>
  runCli(args, { PII_KEY: 'c'.repeat(64), ...env });

describe('suara CLI', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });

  it('prints help and rejects an unknown command', async () => {
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/serve .*\n.*api .*\n.*worker/s);
    const unknown = await run(['frobnicate'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('stops on bad configuration with one line naming the variable', async () => {
    const result = await run(['serve'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid PORT: .*0 and 65535/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says where it tried to reach Postgres and how to start it, without a stack trace', async () => {
    const result = await run(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/suara' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot reach Postgres at 127\.0\.0\.1:1\/suara .*Start Postgres/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves, becomes ready and shuts down gracefully on SIGTERM', async () => {
    database = await createTestDatabase();
    const port = String(4100 + Math.floor(Math.random() * 800));
    const child = suara(['serve', '--migrate'], {
      DATABASE_URL: database.url,
      PORT: port,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      PII_KEY: randomBytes(32).toString('hex'),
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = once(child, 'exit');
    const ready = await waitFor(async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        return response.ok ? response.json() : null;
      } catch {
        return null;
      }
    }, 30_000);
    expect(ready).toMatchObject({ status: 'ok', postgres: 'ok', redis: 'ok', migrations: 'ok' });
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain('shutting down');
    expect(output).toContain('"msg":"stopped"');
  });
});
