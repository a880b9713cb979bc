import type { MediaRef, MessageStatus, MessageTemplate } from '../db/schema/messages.js';
import type { FetchMedia } from '../media/media-source.js';

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
  /** A position the citizen shared (a WhatsApp location): kept as a place hint for the report. */
  location?: { latitude: number; longitude: number };
  receivedAt: string;
}

export interface OutboundMessage {
  channel: Channel;
  to: string;
  body: string;
  media?: MediaRef[];
  /**
   * An approved WhatsApp template: sent instead of `body`, because free-form text is refused outside the
   * 24-hour window (Twilio error 63016, Graph API error 131047).
   */
  template?: MessageTemplate;
  /** Where the provider should report delivery statuses, if it supports callbacks. */
  statusCallbackUrl?: string;
  /**
   * For providers that answer through the gateway the citizen wrote to (one of several Android phones):
   * the provider's id of the citizen's message this answers, or of their latest message.
   */
  replyToProviderMessageId?: string;
  /** Unique per send attempt of one message: providers that take a client-chosen id use it as that id. */
  attemptKey?: string;
}

/**
 * What a permanent or temporary failure means for Suara, decided by the adapter that knows the provider's
 * codes: the recipient unsubscribed (Twilio 21610), free-form text is refused outside WhatsApp's
 * 24-hour window (Twilio 63016), or the provider wants fewer requests (HTTP 429): sending pauses.
 */
export type SendFailureMeaning = 'unsubscribed' | 'outside-window' | 'rate-limited';

export type SendResult =
  | { ok: true; providerMessageId: string; status: MessageStatus }
  /** `retry: false` for permanent failures (invalid number, unsubscribed); true for network, 429, 5xx. */
  | {
      ok: false;
      retry: boolean;
      errorCode: string;
      errorMessage: string;
      meaning?: SendFailureMeaning;
      /** With `rate-limited`: how long the provider asked to wait (HTTP 429 Retry-After), when it said. */
      retryAfterMs?: number;
      /**
       * The request may have reached the provider (a timeout, a connection dropped after sending): it
       * may have been accepted, so the sender asks `reconcile` before any second send.
       */
      uncertain?: boolean;
    };

/** At most `max` messages in any `durationMs`, and, when given, at most `perSecond` in any second. */
export interface SendRate {
  max: number;
  durationMs: number;
  perSecond?: number;
}

/** One gateway of a provider, limited on its own: `key` names it (in Redis keys and logs). */
export interface SendLane {
  key: string;
  rate: SendRate;
}

/** A send whose outcome Suara does not know: committed before the provider call, with no answer recorded. */
export interface SendAttempt {
  message: OutboundMessage;
  /** When the attempt was committed, before the provider was called (Suara's clock). */
  attemptedAt: Date;
  /** The attempt's idempotency key, as passed to `send` (`OutboundMessage.attemptKey`). */
  attemptKey: string;
}

/**
 * What the provider says about an attempt: it has the message (with its id and current status), it
 * certainly does not, or it cannot tell now (not reachable: ask again later).
 */
export type ReconcileResult =
  | { state: 'found'; candidates: { providerMessageId: string; status: MessageStatus }[] }
  | { state: 'not-found' }
  | { state: 'unknown'; errorCode: string; errorMessage: string };

export interface StatusUpdate {
  providerMessageId: string;
  status: MessageStatus;
  errorCode: string | null;
  /** The provider says the recipient asked to receive nothing more (Twilio 21610). */
  unsubscribed?: boolean;
}

/** One thing a webhook request reported: providers may batch several messages and statuses in one. */
export type ChannelEvent =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'status'; update: StatusUpdate }
  /** A request that proves the gateway is alive but carries nothing to store (a ping, an operator notice). */
  | { kind: 'ignored'; reason: string };

/** The raw request as a webhook route received it, for verification against the provider's signature. */
export interface WebhookRequest {
  /** The public URL the provider called (scheme, host, path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed form or JSON body. */
  body: unknown;
  /** The bytes as received, for providers that sign the body itself (not its parsed form). */
  rawBody?: Buffer;
}

export type Verification =
  /** `source`: which of the provider's gateways signed it (an Android phone), when there are several. */
  | { ok: true; source?: string }
  /** `stale`: signed correctly but outside the accepted time window. */
  | { ok: false; error: string; stale?: boolean };
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The one shape every provider fits. Webhook providers implement `verify` and either `parseEvents` (one
 * request may carry several messages and statuses) or, with one URL per kind, `parseInbound` and
 * `parseStatus`; socket providers (Baileys) call the pipeline's inbound sink themselves and implement
 * only `send`.
 */
export interface ChannelAdapter {
  provider: Provider;
  verify?(request: WebhookRequest): Verification;
  parseEvents?(body: unknown, context: { receivedAt: Date; source?: string }): Parsed<ChannelEvent[]>;
  parseInbound?(body: unknown, receivedAt: Date): Parsed<InboundMessage>;
  parseStatus?(body: unknown): Parsed<StatusUpdate>;
  /** The adapter routes a reply by `replyToProviderMessageId` (several gateways, one per phone). */
  routesReplies?: boolean;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * Asks the provider whether an attempt whose outcome is unknown reached it. Candidates are the
   * provider's messages that may be this one, oldest first. Without it, such a message is marked
   * `unconfirmed` for staff rather than sent a second time.
   */
  reconcile?(attempt: SendAttempt): Promise<ReconcileResult>;
  /**
   * For providers whose sending limit belongs to each gateway rather than to the account (each Android
   * phone's SIM has its own carrier limit): the gateway this message goes out through, and its rate.
   * Without it, one rate applies to the whole provider.
   */
  sendLane?(message: OutboundMessage): SendLane;
  /**
   * Downloads an attachment of an inbound message (the media download job calls it, with the `url` this
   * adapter put in `InboundMessage.media`), with the provider's own credentials. Adapters without it keep
   * their media as links.
   */
  fetchMedia?: FetchMedia;
}
