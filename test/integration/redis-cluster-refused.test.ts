import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { redisClusterProblem } from '../../src/runtime/redis-cluster-problem.js';
import { freePort } from '../support/private-redis.js';
import { waitFor } from '../support/test-stack.js';

/**
 * Suara needs one Redis master; pointed at a Redis Cluster node it would fail later, command by command,
 * with MOVED. Start-up says so instead. The cluster node is a redis-server of the test's own.
 */
describe('a Redis Cluster node as REDIS_URL', () => {
  let dir: string;
  let child: ChildProcess;
  let clusterNode: Redis;
  let plain: Redis;

  beforeAll(async () => {
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'suara-cluster-'));
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--save', ''],
      { stdio: 'ignore' },
    );
    clusterNode = createRedisConnection(`redis://127.0.0.1:${port}`, 'worker');
    plain = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
    await waitFor(async () => (await clusterNode.ping()) === 'PONG', 10_000);
  });
  afterAll(async () => {
    clusterNode?.disconnect();
    plain?.disconnect();
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is refused at start with a pointer to the operations guide, and a plain Redis is not', async () => {
    expect(await redisClusterProblem(clusterNode)).toMatch(/Redis Cluster node.*REDIS_SENTINELS.*operations/);
    expect(await redisClusterProblem(plain)).toBeNull();
  });
});
