import type { Redis } from 'ioredis';

/**
 * Suara talks to one Redis master (found directly or through Sentinel), not to a Redis Cluster: pointed
 * at a cluster node, most commands would fail later with MOVED. Says so at start instead; null when the
 * server is not in cluster mode, or will not say (a managed Redis may forbid INFO to its users).
 */
export async function redisClusterProblem(redis: Redis): Promise<string | null> {
  const info = await redis.info('cluster').catch(() => '');
  if (!/^cluster_enabled:1\s*$/m.test(info)) return null;
  return (
    'REDIS_URL names a Redis Cluster node: Suara needs a single Redis master, directly or through Sentinel ' +
    '(REDIS_SENTINELS). See "Redis Cluster" in docs/operations.md.'
  );
}
