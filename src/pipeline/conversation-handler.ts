import type { Channel, Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import type { MediaRef } from '../db/schema/messages.js';

export interface HandledContact {
  id: string;
  pseudonym: string;
  channel: Channel;
  provider: Provider;
  language: string | null;
  optedOut: boolean;
  /** True when this message created the contact. */
  isNew: boolean;
}

export interface HandledMessage {
  id: string;
  channel: Channel;
  provider: Provider;
  body: string;
  media: MediaRef[];
  receivedAt: Date;
  /** Quick messages joined into this one turn (`body` holds their texts in order); default 1. */
  parts?: number;
}

export interface Reply {
  body: string;
  media?: MediaRef[];
  /** Send even though the contact has opted out: only for the confirmation of the opt-out itself. */
  ignoreOptOut?: boolean;
}

export interface HandlerResult {
  replies: Reply[];
  /** Runs once the transaction committed (e.g. refreshing a cache); a failure there loses nothing. */
  afterCommit?: () => Promise<void>;
}

/**
 * What the pipeline hands each stored inbound message to, one message per contact at a time and in
 * arrival order. `tx` is the transaction that also stores the replies and marks the message handled:
 * a handler that writes through it either commits with its replies or not at all, so a retried job
 * starts from the same state and answers exactly once.
 */
export interface ConversationHandler {
  handle(input: { message: HandledMessage; contact: HandledContact; tx: DbExecutor }): Promise<HandlerResult>;
  /**
   * Whether a message may be joined with the contact's quick neighbours into one turn, as the `first`
   * part or a `later` one (keywords stand alone). Without it, any message may be joined.
   */
  joinable?(body: string, position: 'first' | 'later'): boolean;
}

/** Stores messages and answers nothing: the intake spine without a conversation. */
export const silentConversationHandler: ConversationHandler = {
  async handle() {
    return { replies: [] };
  },
};
