import { EventEmitter } from 'node:events';
import type { AuthenticationState, WAMessage } from '@whiskeysockets/baileys';
import type {
  SocketFactory,
  WhatsappSocket,
  WhatsappSocketEvents,
} from '../../src/channels/whatsapp-web/whatsapp-socket.js';

/**
 * Stands in for Baileys' socket, which cannot reach WhatsApp from a test: exactly the members Suara uses,
 * with a real event emitter. The test plays WhatsApp's side: it emits connection updates and messages and
 * reads what Suara sent.
 */
export class FakeWhatsappSocket implements WhatsappSocket {
  readonly emitter = new EventEmitter();
  readonly sent: { jid: string; text: string; id: string }[] = [];
  ended = false;
  private seq = 0;

  constructor(readonly auth: AuthenticationState) {}

  readonly ev: WhatsappSocket['ev'] = {
    on: (event, listener) => {
      this.emitter.on(event, listener);
    },
    off: (event, listener) => {
      this.emitter.off(event, listener);
    },
  };

  emit<E extends keyof WhatsappSocketEvents>(event: E, data: WhatsappSocketEvents[E]): void {
    this.emitter.emit(event, data);
  }

  async sendMessage(jid: string, content: { text: string }): Promise<WAMessage | undefined> {
    const id = `3EB0SUARA${String(++this.seq).padStart(8, '0')}`;
    this.sent.push({ jid, text: content.text, id });
    return { key: { remoteJid: jid, fromMe: true, id }, message: { conversation: content.text } };
  }

  readonly pairingRequests: string[] = [];

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    return 'ABCD1234';
  }

  end(): void {
    this.ended = true;
    this.emitter.removeAllListeners();
  }
}

/** A factory that records every socket it made, the latest last. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeWhatsappSocket[] } {
  const sockets: FakeWhatsappSocket[] = [];
  return {
    sockets,
    factory: async (auth) => {
      const socket = new FakeWhatsappSocket(auth);
      sockets.push(socket);
      return socket;
    },
  };
}

/** Closes the connection the way Baileys does: a Boom-like error carrying the DisconnectReason. */
export function closeWith(socket: FakeWhatsappSocket, statusCode: number): void {
  const error = Object.assign(new Error('Connection Failure'), { output: { statusCode } });
  socket.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
}
