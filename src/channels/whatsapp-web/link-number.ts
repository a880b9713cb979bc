import { DISCONNECT, disconnectCodeOf } from './disconnect-code.js';
import type { SocketFactory, WhatsappSocket } from './whatsapp-socket.js';
import type { WhatsappWebAuthStore } from './whatsapp-web-auth-store.js';

export interface LinkOptions {
  store: WhatsappWebAuthStore;
  socketFactory: SocketFactory;
  /** A new QR code to show (WhatsApp rotates it about every 20 s). */
  onQr(qr: string): void;
  /** With a phone number (digits with country code): a pairing code instead of QR codes. */
  pairingPhone?: string;
  onPairingCode?(code: string): void;
  timeoutMs: number;
  /** After the link opens, Baileys uploads keys for a moment: closing at once could lose them. */
  settleMs?: number;
  /** Gives up early (an admin cancelled, or the process is stopping): the result is `cancelled`. */
  signal?: AbortSignal;
}

export type LinkResult = { ok: true; linkedAs: string } | { ok: false; error: string };

/**
 * Links a number: shows QR codes (or one pairing code) until the phone confirms, follows WhatsApp's
 * restart after the scan, and leaves the saved state in Postgres. The socket is closed, not logged out.
 */
export async function linkNumber(options: LinkOptions): Promise<LinkResult> {
  const auth = await options.store.load();
  let saving: Promise<void> = Promise.resolve();
  // Assigned in the event handlers: declared wide so the end of this function still sees a socket.
  let socket = null as WhatsappSocket | null;
  let pairingRequested = false;
  let finished = false;

  const result = await new Promise<LinkResult>((resolve) => {
    const timer = setTimeout(
      () => done({ ok: false, error: `not linked within ${Math.round(options.timeoutMs / 1000)} s` }),
      options.timeoutMs,
    );
    const cancelled = () => done({ ok: false, error: 'cancelled' });
    const done = (value: LinkResult) => {
      finished = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancelled);
      resolve(value);
    };
    options.signal?.addEventListener('abort', cancelled, { once: true });
    const open = async () => {
      const current = await options.socketFactory(auth.state);
      // Timed out or cancelled while the socket was being made: nobody would close it later.
      if (finished) return void (await Promise.resolve(current.end(undefined)).catch(() => {}));
      socket = current;
      current.ev.on('creds.update', () => {
        saving = saving.then(() => auth.saveCreds());
      });
      current.ev.on('connection.update', (update) => {
        if (socket !== current) return;
        if (update.qr) {
          if (!options.pairingPhone) options.onQr(update.qr);
          else if (!pairingRequested) {
            // The socket is ready for authentication once it offers a QR code.
            pairingRequested = true;
            current
              .requestPairingCode(options.pairingPhone)
              .then((code) => options.onPairingCode?.(code))
              .catch((error) => done({ ok: false, error: `pairing code refused: ${messageOf(error)}` }));
          }
        }
        if (update.connection === 'open') {
          const me = auth.state.creds.me?.id ?? '';
          done({ ok: true, linkedAs: `+${me.split('@')[0]?.split(':')[0] ?? ''}` });
        }
        if (update.connection === 'close') {
          socket = null;
          const code = disconnectCodeOf(update.lastDisconnect?.error);
          // After the scan WhatsApp closes the connection on purpose: reconnect with the new credentials.
          if (code === DISCONNECT.restartRequired) {
            open().catch((error) => done({ ok: false, error: messageOf(error) }));
            return;
          }
          if (code === DISCONNECT.loggedOut)
            done({ ok: false, error: 'WhatsApp refused the link (logged out)' });
          else if (code === DISCONNECT.timedOut)
            done({ ok: false, error: 'the QR codes expired before one was scanned' });
          else done({ ok: false, error: `connection closed (${code ?? 'no reason given'})` });
        }
      });
    };
    if (options.signal?.aborted) return cancelled();
    open().catch((error) => done({ ok: false, error: messageOf(error) }));
  });

  if (result.ok) await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 3000));
  if (socket) await Promise.resolve(socket.end(undefined)).catch(() => {});
  await saving;
  if (result.ok && !(await options.store.isLinked())) return { ok: false, error: 'the link was not saved' };
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
