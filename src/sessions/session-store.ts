import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { type Session, sessionSchema } from '../conversation/engine/session.js';
import type { DbExecutor } from '../db/database.js';
import { sessions } from '../db/schema/sessions.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';

/**
 * Sessions are kept in Postgres (the truth, written in the same transaction as the turn's replies) and
 * cached in Redis with a TTL. The cache is dropped before the transaction commits and refilled after,
 * so it is never newer or older than Postgres for long: a crash in between only costs a cache miss.
 * Sessions hold the citizen's words, so the cached copy is encrypted like everything else in Redis.
 */
export interface SessionStore {
  load(db: DbExecutor, contactId: string): Promise<Session | null>;
  /** Writes the session through `db` (the turn's transaction) and drops the cached copy. */
  save(db: DbExecutor, contactId: string, session: Session): Promise<void>;
  /** Refreshes the cached copy; call after the transaction committed. */
  cache(contactId: string, session: Session): Promise<void>;
}

export interface SessionStoreOptions {
  redis: Redis;
  cipher: PiiCipher;
  prefix: string;
  ttlMs: number;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const key = (contactId: string) => `${options.prefix}:session:${contactId}`;
  const parse = (value: unknown): Session | null => {
    const parsed = sessionSchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };

  return {
    async load(db, contactId) {
      const cached = await options.redis.get(key(contactId));
      if (cached) {
        try {
          return parse(JSON.parse(options.cipher.decrypt(cached)));
        } catch {
          // An unreadable cache entry (older format, rotated key) falls through to Postgres.
        }
      }
      const [row] = await db
        .select({ state: sessions.state })
        .from(sessions)
        .where(eq(sessions.contactId, contactId));
      return row ? parse(row.state) : null;
    },
    async save(db, contactId, session) {
      const now = new Date();
      await db
        .insert(sessions)
        .values({ contactId, state: session, updatedAt: now })
        .onConflictDoUpdate({ target: sessions.contactId, set: { state: session, updatedAt: now } });
      await options.redis.del(key(contactId));
    },
    async cache(contactId, session) {
      await options.redis.set(
        key(contactId),
        options.cipher.encrypt(JSON.stringify(session)),
        'PX',
        options.ttlMs,
      );
    },
  };
}
