import type { Channel, Provider } from '../channels/channel-adapter.js';
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
}

export interface Reply {
  body: string;
  media?: MediaRef[];
  /** Send even though the contact has opted out: only for the confirmation of the opt-out itself. */
  ignoreOptOut?: boolean;
}

/**
 * What the pipeline hands each stored inbound message to, one message per contact at a time and in
 * arrival order. A handler may be called again for the same message if the process dies before the
 * pipeline records it as handled, so its own side effects must be idempotent per message id.
 */
export interface ConversationHandler {
  handle(input: { message: HandledMessage; contact: HandledContact }): Promise<{ replies: Reply[] }>;
}

/** Stores messages and answers nothing: the intake spine without a conversation. */
export const silentConversationHandler: ConversationHandler = {
  async handle() {
    return { replies: [] };
  },
};
