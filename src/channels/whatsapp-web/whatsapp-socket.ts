import type {
  AuthenticationState,
  BaileysEventMap,
  ConnectionState,
  WAMessage,
  WAMessageUpdate,
} from '@whiskeysockets/baileys';

/** The events Suara listens to, with Baileys' own payload types. */
export interface WhatsappSocketEvents {
  'connection.update': Partial<ConnectionState>;
  'creds.update': BaileysEventMap['creds.update'];
  'messages.upsert': { messages: WAMessage[]; type: 'append' | 'notify' };
  'messages.update': WAMessageUpdate[];
}

/**
 * The part of Baileys' socket Suara uses: its event emitter, sending text, the pairing code and closing.
 * The production factory returns Baileys' own socket; tests pass an object with exactly these members.
 */
export interface WhatsappSocket {
  ev: {
    on<E extends keyof WhatsappSocketEvents>(
      event: E,
      listener: (data: WhatsappSocketEvents[E]) => void,
    ): void;
    off<E extends keyof WhatsappSocketEvents>(
      event: E,
      listener: (data: WhatsappSocketEvents[E]) => void,
    ): void;
  };
  sendMessage(jid: string, content: { text: string }): Promise<WAMessage | undefined>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** Closes the connection without logging out (the link stays valid for the next holder). */
  end(error: Error | undefined): void | Promise<void>;
  /** Baileys 7 addresses many chats by LID: the phone number it learnt for one, when it knows it. */
  signalRepository?: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
}

export type SocketFactory = (auth: AuthenticationState) => Promise<WhatsappSocket>;
