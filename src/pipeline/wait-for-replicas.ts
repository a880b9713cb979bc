import type { Redis } from 'ioredis';

/**
 * Redis replicates asynchronously: a job the master acknowledged can be missing from the replica a
 * sentinel promotes. WAIT returns once `replicas` replicas have every write this connection made so far
 * (the queued job included), or after the timeout with fewer; fewer rejects, so the webhook answers 503
 * and the provider's retry (same job id, a no-op add) asks again.
 */
export async function waitForReplicas(redis: Redis, replicas: number, timeoutMs = 500): Promise<void> {
  const acknowledged = await redis.wait(replicas, timeoutMs);
  if (acknowledged < replicas)
    throw new Error(`only ${acknowledged} of ${replicas} Redis replicas have the job (WAIT)`);
}
