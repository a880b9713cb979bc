import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PiiCipher } from '../../privacy/pii-cipher.js';

export const LINK_PHASES = ['starting', 'qr', 'pairing-code', 'linked', 'failed'] as const;
export type LinkPhase = (typeof LINK_PHASES)[number];
export const LINK_METHODS = ['qr', 'pairing-code'] as const;
export type LinkMethod = (typeof LINK_METHODS)[number];

/** An attempt's fields as everyone may see them; the API describes the same fields. */
export const linkAttemptFieldsSchema = z.object({
  id: z.string(),
  phase: z.enum(LINK_PHASES),
  method: z.enum(LINK_METHODS),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  linkedAs: z.string().nullable(),
  error: z.string().nullable(),
  /** The process running the attempt (`host pid N`). */
  runner: z.string(),
});

const attemptSchema = linkAttemptFieldsSchema.extend({
  /** The QR text or pairing code on show, sealed with the PII key: whoever has it can link a phone. */
  sealedCode: z.string().nullable(),
});

export type LinkAttemptRecord = z.infer<typeof attemptSchema>;

/** The attempt as pages show it: the code opened, if one is on show. */
export type LinkAttempt = Omit<LinkAttemptRecord, 'sealedCode'> & { code: string | null };

export interface LinkAttemptStore {
  read(): Promise<LinkAttempt | null>;
  /** Writes the whole record; a finished attempt is kept `keepMs` for the page to show its outcome. */
  write(attempt: LinkAttempt, ttlMs: number): Promise<void>;
  requestCancel(ttlMs: number): Promise<void>;
  cancelRequested(): Promise<boolean>;
  clearCancel(): Promise<void>;
}

/**
 * The linking attempt started from the workspace, in Redis so that every API process can show it (the
 * page may poll another process than the one that runs the attempt) and cancel it.
 */
export function createLinkAttemptStore(
  redis: Redis,
  cipher: PiiCipher,
  queuePrefix: string,
  session: string,
): LinkAttemptStore {
  const key = `${queuePrefix}:whatsapp-web:link:${session}`;
  const cancelKey = `${key}:cancel`;
  return {
    async read() {
      const text = await redis.get(key);
      if (!text) return null;
      const parsed = attemptSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      const { sealedCode, ...rest } = parsed.data;
      return { ...rest, code: sealedCode ? cipher.decrypt(sealedCode) : null };
    },
    async write(attempt, ttlMs) {
      const { code, ...rest } = attempt;
      const record: LinkAttemptRecord = { ...rest, sealedCode: code ? cipher.encrypt(code) : null };
      await redis.set(key, JSON.stringify(record), 'PX', ttlMs);
    },
    async requestCancel(ttlMs) {
      await redis.set(cancelKey, '1', 'PX', ttlMs);
    },
    async cancelRequested() {
      return (await redis.exists(cancelKey)) === 1;
    },
    async clearCancel() {
      await redis.del(cancelKey);
    },
  };
}
