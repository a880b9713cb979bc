import type { MediaRef, MessageStatus } from '../db/schema/messages.js';

/** How a message travels, as the citizen experiences it (SMS costs per segment; WhatsApp allows media). */
export type Channel = 'sms' | 'whatsapp';

/** Who carries it: each provider has its own adapter. */
export type Provider = 'twilio' | 'android-sms' | 'baileys' | 'whatsapp-cloud' | 'simulator';

/** A citizen's message, normalised from whatever the provider sent. */
export interface InboundMessage {
  provider: Provider;
  channel: Channel;
  /** The provider's unique id for this message (Twilio MessageSid, gateway envelope id, ...). */
  providerMessageId: string;
  /** The citizen's address in E.164 form, without channel prefix. Personal data: never log it. */
  from: string;
  /** Our own number or sender the citizen wrote to. */
  to: string;
  body: string;
  media: MediaRef[];
  receivedAt: string;
}

export interface OutboundMessage {
  channel: Channel;
  to: string;
  body: string;
  media?: MediaRef[];
  /**
   * An approved WhatsApp template (Twilio Content API): sent instead of `body`, because free-form text is
   * refused outside the 24-hour window (Twilio error 63016).
   */
  template?: { contentSid: string; variables: Record<string, string> };
  /** Where the provider should report delivery statuses, if it supports callbacks. */
  statusCallbackUrl?: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string; status: MessageStatus }
  /** `retry: false` for permanent failures (invalid number, unsubscribed); true for network, 429, 5xx. */
  | { ok: false; retry: boolean; errorCode: string; errorMessage: string };

export interface StatusUpdate {
  providerMessageId: string;
  status: MessageStatus;
  errorCode: string | null;
}

/** The raw request as a webhook route received it, for verification against the provider's signature. */
export interface WebhookRequest {
  /** The public URL the provider called (scheme, host, path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed form or JSON body. */
  body: unknown;
  rawBody?: string;
}

export type Verification = { ok: true } | { ok: false; error: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The one shape every provider fits. Webhook providers implement `verify` + `parseInbound`;
 * socket providers (Baileys) call the pipeline's inbound sink themselves and implement only `send`.
 */
export interface ChannelAdapter {
  provider: Provider;
  verify?(request: WebhookRequest): Verification;
  parseInbound?(body: unknown, receivedAt: Date): Parsed<InboundMessage>;
  parseStatus?(body: unknown): Parsed<StatusUpdate>;
  send(message: OutboundMessage): Promise<SendResult>;
}
