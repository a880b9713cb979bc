import type { MessageStatus } from '../../db/schema/messages.js';
import type { Logger } from '../../logger.js';
import type { ChannelEvent, SendResult, StatusUpdate } from '../channel-adapter.js';
import { jidOfPhone, phoneOfJid } from './baileys-jid.js';
import { DISCONNECT, disconnectCodeOf } from './disconnect-code.js';
import type { HolderLock } from './holder-lock.js';
import { maskOwnNumber } from './mask-own-number.js';
import type { ParseContext } from './parse-baileys-message.js';
import { parseBaileysMessage } from './parse-baileys-message.js';
import type { SocketFactory, WhatsappSocket, WhatsappSocketEvents } from './whatsapp-socket.js';
import type { WhatsappWebAuthStore } from './whatsapp-web-auth-store.js';
import type { WhatsappWebStatus } from './whatsapp-web-status.js';

/** WhatsApp's receipt levels (proto.WebMessageInfo.Status) as Suara's statuses. */
const RECEIPTS: Readonly<Record<number, MessageStatus>> = {
  0: 'failed',
  2: 'sent',
  3: 'delivered',
  4: 'read',
  5: 'read',
};

export type ConnectionPhase =
  | 'stopped'
  | 'standby'
  | 'not-linked'
  | 'connecting'
  | 'open'
  | 'logged-out'
  | 'replaced';

export interface WhatsappWebConnectionDeps {
  store: WhatsappWebAuthStore;
  lock: HolderLock;
  status: WhatsappWebStatus;
  socketFactory: SocketFactory;
  /** Where citizens' messages and delivery receipts go: the same sink as every webhook's. */
  accept(events: ChannelEvent[]): Promise<unknown>;
  mediaRef: ParseContext['mediaRef'];
  logger: Logger;
  lockTtlMs: number;
  /** How often a process without the lock tries to take it. Default: a third of the TTL. */
  standbyRetryMs?: number;
  reconnect?: { initialMs: number; maxMs: number };
  clock?: () => Date;
}

export interface WhatsappWebConnection {
  start(): void;
  stop(): Promise<void>;
  phase(): ConnectionPhase;
  send(to: string, text: string): Promise<SendResult>;
}

/**
 * Keeps the linked number connected from exactly one process: takes the Redis lock (or stands by and keeps
 * trying), renews it, reconnects with backoff when the socket closes, and stops for good — loudly — when
 * WhatsApp logged the number out. Nothing here pairs a number: that is
 * the workspace's WhatsApp Web page or `suara whatsapp-web link`.
 */
export function createWhatsappWebConnection(deps: WhatsappWebConnectionDeps): WhatsappWebConnection {
  const log = deps.logger.child({ channel: 'baileys' });
  const now = () => (deps.clock ?? (() => new Date()))();
  const standbyMs = deps.standbyRetryMs ?? Math.max(200, Math.floor(deps.lockTtlMs / 3));
  const backoff = deps.reconnect ?? { initialMs: 1000, maxMs: 60_000 };
  let phase: ConnectionPhase = 'stopped';
  let socket: WhatsappSocket | null = null;
  let holding = false;
  let lastRenewed = 0;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let renewTimer: NodeJS.Timeout | undefined;
  let linkedAs = '';
  let ownNumber = '';

  const publish = (state: string, ttlMs = deps.lockTtlMs * 2) =>
    deps.status.publish(state, ttlMs).catch(() => {});
  const later = (ms: number, run: () => Promise<void>) => {
    clearTimeout(timer);
    if (phase === 'stopped') return;
    timer = setTimeout(() => void run().catch((error) => failed(error)), ms);
  };
  // A function, not a comparison: `phase` changes across the awaits of the steps below.
  const stopped = () => phase === 'stopped';
  const failed = (error: unknown) => {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'WhatsApp Web connection step failed',
    );
    later(standbyMs, tick);
  };

  /** Standing by: take the lock when the number is linked and nobody else holds it. */
  const tick = async (): Promise<void> => {
    if (phase === 'stopped' || holding) return;
    if (!(await deps.store.isLinked())) {
      if (phase !== 'not-linked' && phase !== 'logged-out')
        log.warn(
          "WhatsApp Web: no number is linked; link one on the workspace's WhatsApp Web page or with `suara whatsapp-web link`",
        );
      if (phase !== 'logged-out') phase = 'not-linked';
      return later(standbyMs, tick);
    }
    // stop() may have run while this tick waited for Postgres or Redis: a stopped process takes nothing.
    if (stopped()) return;
    if (!(await deps.lock.acquire())) {
      phase = 'standby';
      return later(standbyMs, tick);
    }
    if (stopped()) {
      await deps.lock.release().catch(() => {});
      return;
    }
    holding = true;
    lastRenewed = Date.now();
    log.info('WhatsApp Web: this process holds the connection');
    renewTimer = setInterval(() => void renew(), Math.max(100, Math.floor(deps.lockTtlMs / 3)));
    await connect();
  };

  const renew = async () => {
    if (!holding) return;
    let kept: boolean;
    try {
      kept = await deps.lock.renew();
    } catch {
      // Redis unreachable: still ours until the TTL runs out, after which another process may hold it.
      kept = Date.now() - lastRenewed < deps.lockTtlMs;
    }
    if (kept) {
      lastRenewed = Date.now();
      if (phase === 'open') await publish(`ok (linked as ${linkedAs})`);
      return;
    }
    log.warn('WhatsApp Web: lost the connection lock; closing the socket and standing by');
    await letGo('standby');
    later(standbyMs, tick);
  };

  /** Closes the socket and gives the lock up. */
  const letGo = async (next: ConnectionPhase) => {
    clearInterval(renewTimer);
    renewTimer = undefined;
    const closing = socket;
    socket = null;
    phase = next;
    if (closing) await Promise.resolve(closing.end(undefined)).catch(() => {});
    if (holding) await deps.lock.release().catch(() => {});
    holding = false;
  };

  const connect = async (): Promise<void> => {
    if (!holding || phase === 'stopped') return;
    phase = 'connecting';
    const auth = await deps.store.load();
    linkedAs = maskOwnNumber(auth.state.creds.me?.id);
    ownNumber = phoneOfJid(auth.state.creds.me?.id) ?? 'whatsapp-web';
    const current = await deps.socketFactory(auth.state);
    socket = current;
    const on = <E extends keyof WhatsappSocketEvents>(
      event: E,
      listener: (data: WhatsappSocketEvents[E]) => Promise<void>,
    ) =>
      current.ev.on(event, (data) => {
        if (socket !== current) return;
        listener(data).catch((error) =>
          log.error(
            { event, err: error instanceof Error ? error.message : String(error) },
            'WhatsApp Web event not handled',
          ),
        );
      });
    on('creds.update', () => auth.saveCreds());
    on('connection.update', async (update) => {
      if (update.qr) {
        // The stored link was not accepted and WhatsApp offers a new pairing: only an admin may link.
        log.error(
          "WhatsApp Web: the stored link was refused; link again on the workspace's WhatsApp Web page or with `suara whatsapp-web link`",
        );
        await letGo('not-linked');
        await publish(
          "not linked: link on the workspace's WhatsApp Web page or run `suara whatsapp-web link`",
          30 * 24 * 3600_000,
        );
        return later(standbyMs, tick);
      }
      if (update.connection === 'open') {
        failures = 0;
        phase = 'open';
        log.info('WhatsApp Web connected');
        await publish(`ok (linked as ${linkedAs})`);
      }
      if (update.connection === 'close') await closed(disconnectCodeOf(update.lastDisconnect?.error));
    });
    on('messages.upsert', async ({ messages, type }) => {
      // `append` is history and the phone's own sending; only `notify` is new mail.
      if (type !== 'notify') return;
      for (const message of messages) {
        const event = await parseBaileysMessage(message, {
          to: ownNumber,
          receivedAt: now(),
          phoneForLid: async (lid) => (await current.signalRepository?.lidMapping.getPNForLID(lid)) ?? null,
          mediaRef: deps.mediaRef,
        });
        if (event.kind === 'ignored') {
          log.debug({ reason: event.reason }, 'WhatsApp Web message ignored');
          continue;
        }
        await acceptWithRetry([event]);
      }
    });
    on('messages.update', async (updates) => {
      const statuses: ChannelEvent[] = [];
      for (const { key, update } of updates) {
        const status = typeof update.status === 'number' ? RECEIPTS[update.status] : undefined;
        if (!key.fromMe || !key.id || !status) continue;
        const receipt: StatusUpdate = {
          providerMessageId: key.id,
          status,
          errorCode: status === 'failed' ? 'error' : null,
        };
        statuses.push({ kind: 'status', update: receipt });
      }
      if (statuses.length) await deps.accept(statuses);
    });
  };

  const closed = async (code: number | undefined) => {
    socket = null;
    if (phase === 'stopped' || !holding) return;
    if (code === DISCONNECT.loggedOut) {
      // Reconnecting cannot help and would only hammer WhatsApp: the number must be linked again.
      log.error(
        "WhatsApp Web: WhatsApp logged this number out; link it again on the workspace's WhatsApp Web page or with `suara whatsapp-web link`",
      );
      await deps.store.clear().catch(() => {});
      await letGo('logged-out');
      await publish(
        `logged out at ${now().toISOString()}: link again on the workspace's WhatsApp Web page or with \`suara whatsapp-web link\``,
        30 * 24 * 3600_000,
      );
      return later(standbyMs, tick);
    }
    if (code === DISCONNECT.connectionReplaced) {
      // Another client took the number over (a second deployment, or a link in progress): not in a loop.
      log.error('WhatsApp Web: another client replaced this connection; waiting before trying again');
      await letGo('replaced');
      await publish('replaced by another client of the same number', backoff.maxMs * 2);
      return later(backoff.maxMs, tick);
    }
    failures += 1;
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1));
    log.warn({ code, attempt: failures, delayMs: delay }, 'WhatsApp Web connection closed; reconnecting');
    phase = 'connecting';
    await publish(`reconnecting (attempt ${failures})`);
    later(delay, connect);
  };

  /** The message is WhatsApp's to redeliver only until it was received: a short Redis outage is waited out. */
  const acceptWithRetry = async (events: ChannelEvent[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.accept(events);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  };

  return {
    start() {
      if (phase !== 'stopped') return;
      phase = 'standby';
      later(0, tick);
    },
    async stop() {
      clearTimeout(timer);
      await letGo('stopped');
    },
    phase: () => phase,
    async send(to, text) {
      const current = socket;
      if (!current || phase !== 'open') {
        // Another process may hold the connection: the queue waits a moment and tries again (no attempt spent).
        return {
          ok: false,
          retry: true,
          meaning: 'rate-limited',
          retryAfterMs: 1000,
          errorCode: 'whatsapp_web_not_connected_here',
          errorMessage: 'this process does not hold an open WhatsApp Web connection',
        };
      }
      try {
        const sent = await current.sendMessage(jidOfPhone(to), { text });
        const id = sent?.key.id;
        if (!id)
          return {
            ok: false,
            retry: true,
            errorCode: 'no_message_id',
            errorMessage: 'WhatsApp gave no message id',
          };
        return { ok: true, providerMessageId: id, status: 'sent' };
      } catch (error) {
        return {
          ok: false,
          retry: true,
          errorCode: 'whatsapp_web_send_failed',
          errorMessage: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}
