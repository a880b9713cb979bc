import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { type Session, sessionSchema } from '../conversation/session.js';
import type { Db } from '../db/database.js';
import { sessions } from '../db/schema/sessions.js';

export interface SessionStore {
  load(contactId: string): Promise<Session | null>;
  save(contactId: string, session: Session): Promise<void>;
}

export interface SessionStoreOptions {
  redis: Redis;
  db: Db;
  prefix: string;
  /** Redis keeps a session this long after its last write; Postgres keeps it until overwritten. */
  ttlMs: number;
}

/**
 * Sessions live in Redis (fast, expiring) and are mirrored to Postgres, so a Redis flush or restart
 * resumes conversations. A stored session that no longer validates (an older format) means "start fresh".
 */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const key = (contactId: string) => `${options.prefix}:session:${contactId}`;
  const parse = (value: unknown): Session | null => {
    const parsed = sessionSchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };

  return {
    async load(contactId) {
      const cached = await options.redis.get(key(contactId));
      if (cached) return parse(JSON.parse(cached));
      const [row] = await options.db
        .select({ state: sessions.state })
        .from(sessions)
        .where(eq(sessions.contactId, contactId));
      return row ? parse(row.state) : null;
    },
    async save(contactId, session) {
      const now = new Date();
      await options.db
        .insert(sessions)
        .values({ contactId, state: session, updatedAt: now })
        .onConflictDoUpdate({ target: sessions.contactId, set: { state: session, updatedAt: now } });
      await options.redis.set(key(contactId), JSON.stringify(session), 'PX', options.ttlMs);
    },
  };
}
