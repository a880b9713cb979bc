import type { Redis } from 'ioredis';

/**
 * What the connection holder last reported, kept in Redis so that /readyz in any process (the API does
 * not run the connection) can tell: connected, reconnecting, not linked, logged out.
 */
export interface WhatsappWebStatus {
  publish(state: string, ttlMs: number): Promise<void>;
  read(): Promise<string | null>;
}

export function createWhatsappWebStatus(
  redis: Redis,
  queuePrefix: string,
  session: string,
): WhatsappWebStatus {
  const key = `${queuePrefix}:whatsapp-web:status:${session}`;
  return {
    async publish(state, ttlMs) {
      await redis.set(key, state, 'PX', ttlMs);
    },
    read() {
      return redis.get(key);
    },
  };
}
