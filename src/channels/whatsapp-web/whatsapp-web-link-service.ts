import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { recordAudit } from '../../audit/append-audit.js';
import type { Actor } from '../../auth/user-admin-service.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { PiiCipher } from '../../privacy/pii-cipher.js';
import { type ConnectionKind, connectionKindOf } from './connection-kind.js';
import { createHolderLock, holderLockKey, readHolder } from './holder-lock.js';
import { createLinkAttemptStore, type LinkAttempt, type LinkMethod } from './link-attempt-store.js';
import { linkNumber } from './link-number.js';
import { maskOwnNumber } from './mask-own-number.js';
import type { SocketFactory } from './whatsapp-socket.js';
import { createWhatsappWebAuthStore } from './whatsapp-web-auth-store.js';
import { createWhatsappWebStatus } from './whatsapp-web-status.js';

/** What the workspace shows about the linked number. */
export interface WhatsappWebOverview {
  session: string;
  /** WHATSAPP_WEB_ENABLED: without it no worker connects, even once linked. */
  enabled: boolean;
  linked: boolean;
  linkedAs: string | null;
  /** What the connection holder last published (connected, reconnecting, logged out …), if anyone did. */
  connection: string | null;
  connectionKind: ConnectionKind;
  /** The process holding the connection lock (`host pid N`): a worker, or the one running a link. */
  holder: string | null;
  attempt: LinkAttempt | null;
}

export const LINK_REFUSALS = ['busy', 'held', 'already-linked', 'bad-phone', 'not-running'] as const;
export type LinkRefusal = (typeof LINK_REFUSALS)[number];
export type LinkStartResult = { ok: true } | { ok: false; reason: LinkRefusal; holder?: string | null };

export interface WhatsappWebLinkService {
  overview(): Promise<WhatsappWebOverview>;
  start(
    actor: Actor,
    input: { method: LinkMethod; phone?: string; relink: boolean },
  ): Promise<LinkStartResult>;
  cancel(actor: Actor): Promise<LinkStartResult>;
  /** Ends an attempt running in this process (shutdown): recorded as cancelled. */
  stop(): Promise<void>;
}

export interface WhatsappWebLinkServiceDeps {
  db: Db;
  redis: Redis;
  cipher: PiiCipher;
  logger: Logger;
  queuePrefix: string;
  session: string;
  enabled: boolean;
  lockTtlMs: number;
  socketFactory: SocketFactory;
  timeoutMs: number;
  settleMs?: number;
  /** How often the running attempt looks for a cancel request from any process. */
  cancelPollMs?: number;
  clock?: () => Date;
}

/** A finished attempt stays on the page this long. */
const KEEP_OUTCOME_MS = 3_600_000;
const RUNNING: ReadonlySet<string> = new Set(['starting', 'qr', 'pairing-code']);

/**
 * Links a number from the workspace with the same routine as `suara whatsapp-web link`, in the API process
 * that received the request. It takes the connection lock the workers use, so it runs only while no worker
 * holds the connection (not linked, or logged out) and only once at a time across processes; the worker
 * standing by takes the connection over once the lock is released after the link is saved.
 * The QR code and pairing code are sealed in Redis and never logged or audited.
 */
export function createWhatsappWebLinkService(deps: WhatsappWebLinkServiceDeps): WhatsappWebLinkService {
  const log = deps.logger.child({ channel: 'baileys' });
  const now = deps.clock ?? (() => new Date());
  const lockKey = holderLockKey(deps.queuePrefix, deps.session);
  const store = createWhatsappWebAuthStore(deps.db, deps.cipher, deps.session);
  const attempts = createLinkAttemptStore(deps.redis, deps.cipher, deps.queuePrefix, deps.session);
  const status = createWhatsappWebStatus(deps.redis, deps.queuePrefix, deps.session);
  const runningTtlMs = deps.timeoutMs + 60_000;
  let local: { abort: AbortController; finished: Promise<void> } | null = null;

  const audit = (actor: Actor, action: string, after: Record<string, unknown>) =>
    recordAudit(deps.db, {
      actorUserId: actor.userId,
      actor: actor.label,
      action,
      subjectType: 'whatsapp_web_session',
      subjectId: deps.session,
      after,
      ip: actor.ip ?? null,
    });

  /** Runs the link; `release` gives the connection lock up before the outcome shows (so a retry may start). */
  const run = async (
    actor: Actor,
    first: LinkAttempt,
    phone: string | undefined,
    abort: AbortController,
    release: () => Promise<void>,
  ) => {
    let attempt = first;
    let writes: Promise<void> = Promise.resolve();
    const update = (change: Partial<LinkAttempt>, ttlMs = runningTtlMs) => {
      attempt = { ...attempt, ...change };
      const snapshot = attempt;
      writes = writes.then(() =>
        attempts
          .write(snapshot, ttlMs)
          .catch((error) => log.warn({ err: messageOf(error) }, 'link state not saved')),
      );
      return writes;
    };
    const watch = setInterval(() => {
      attempts
        .cancelRequested()
        .then((yes) => yes && abort.abort())
        .catch(() => {});
    }, deps.cancelPollMs ?? 1000);
    let result: Awaited<ReturnType<typeof linkNumber>>;
    try {
      result = await linkNumber({
        store,
        socketFactory: deps.socketFactory,
        timeoutMs: deps.timeoutMs,
        signal: abort.signal,
        ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
        ...(phone ? { pairingPhone: phone } : {}),
        onQr: (qr) => void update({ phase: 'qr', code: qr }),
        onPairingCode: (code) => void update({ phase: 'pairing-code', code }),
      });
    } catch (error) {
      result = { ok: false, error: messageOf(error) };
    } finally {
      clearInterval(watch);
      await attempts.clearCancel().catch(() => {});
    }
    const linkedAs = result.ok ? maskOwnNumber(await store.linkedAs()) : null;
    // Before the lock goes: replaces a stale "logged out" until the worker taking the connection reports it open.
    if (linkedAs)
      await status
        .publish(`linked as ${linkedAs}; waiting for a worker to take the connection`, 30 * 24 * 3600_000)
        .catch(() => {});
    await release();
    // The outcome is audited before the page can show it.
    const outcome = result.ok
      ? { action: 'whatsapp_web.link_succeeded', after: { method: attempt.method, linkedAs } }
      : { action: 'whatsapp_web.link_failed', after: { method: attempt.method, error: result.error } };
    await audit(actor, outcome.action, outcome.after).catch((error) =>
      log.error({ err: messageOf(error), action: outcome.action }, 'WhatsApp Web: link outcome not audited'),
    );
    const finishedAt = now().toISOString();
    if (result.ok) {
      await update({ phase: 'linked', code: null, linkedAs, finishedAt }, KEEP_OUTCOME_MS);
      log.info({ method: attempt.method }, 'WhatsApp Web: number linked from the workspace');
    } else {
      await update({ phase: 'failed', code: null, error: result.error, finishedAt }, KEEP_OUTCOME_MS);
      log.warn(
        { method: attempt.method, error: result.error },
        'WhatsApp Web: linking from the workspace failed',
      );
    }
  };

  return {
    async overview() {
      const [linked, linkedAs, connection, holder, attempt] = await Promise.all([
        store.isLinked(),
        store.linkedAs(),
        status.read(),
        readHolder(deps.redis, lockKey),
        attempts.read(),
      ]);
      return {
        session: deps.session,
        enabled: deps.enabled,
        linked,
        linkedAs: linked ? maskOwnNumber(linkedAs) : null,
        connection,
        connectionKind: connectionKindOf(connection),
        holder,
        attempt,
      };
    },

    async start(actor, input) {
      const phone = input.method === 'pairing-code' ? input.phone?.replace(/[\s()+-]/g, '') : undefined;
      if (input.method === 'pairing-code' && !(phone && /^[1-9]\d{7,14}$/.test(phone)))
        return { ok: false, reason: 'bad-phone' };
      const current = await attempts.read();
      // An attempt whose process died no longer holds the lock: it does not block a new one.
      if (current && RUNNING.has(current.phase) && (await readHolder(deps.redis, lockKey)) === current.runner)
        return { ok: false, reason: 'busy' };
      const lock = createHolderLock(deps.redis, lockKey, deps.lockTtlMs);
      if (!(await lock.acquire()))
        return { ok: false, reason: 'held', holder: await readHolder(deps.redis, lockKey) };
      const renewal = setInterval(
        () => void lock.renew().catch(() => {}),
        Math.max(100, Math.floor(deps.lockTtlMs / 3)),
      );
      const giveUp = async () => {
        clearInterval(renewal);
        await lock.release().catch(() => {});
      };
      try {
        if ((await store.isLinked()) && !input.relink) {
          await giveUp();
          return { ok: false, reason: 'already-linked' };
        }
        const attempt: LinkAttempt = {
          id: randomUUID(),
          phase: 'starting',
          method: input.method,
          startedBy: actor.label,
          startedAt: now().toISOString(),
          finishedAt: null,
          code: null,
          linkedAs: null,
          error: null,
          runner: `${hostname()} pid ${process.pid}`,
        };
        await attempts.clearCancel();
        await attempts.write(attempt, runningTtlMs);
        await audit(actor, 'whatsapp_web.link_start', {
          method: input.method,
          relink: input.relink,
          ...(phone ? { phone: maskOwnNumber(phone) } : {}),
        });
        // As the command does: a fresh set of keys, never half of an earlier pairing.
        await store.clear();
        const abort = new AbortController();
        const running = { abort, finished: Promise.resolve() };
        running.finished = run(actor, attempt, phone, abort, giveUp)
          .catch((error) =>
            log.error({ err: messageOf(error) }, 'WhatsApp Web: linking stopped unexpectedly'),
          )
          .finally(async () => {
            await giveUp();
            if (local === running) local = null;
          });
        local = running;
        return { ok: true };
      } catch (error) {
        await giveUp();
        throw error;
      }
    },

    async cancel(actor) {
      const current = await attempts.read();
      if (!current || !RUNNING.has(current.phase)) return { ok: false, reason: 'not-running' };
      await audit(actor, 'whatsapp_web.link_cancel', { method: current.method });
      // The attempt may run in another API process: it looks for this key.
      await attempts.requestCancel(runningTtlMs);
      local?.abort.abort();
      return { ok: true };
    },

    async stop() {
      const running = local;
      if (!running) return;
      running.abort.abort();
      await running.finished;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
