import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';

/** Every message gets a turn of three replies, tagged with the message's first word so their order can be checked. */
export const threeReplies: ConversationHandler = {
  async handle({ message }) {
    const tag = message.body.split(' ')[0] ?? '';
    return { replies: [1, 2, 3].map((n) => ({ body: `${tag} balasan ${n}` })) };
  },
};

/**
 * Rate limiters grant slots on Redis's clock; what a stand-in sees adds the sender's own delay between the
 * grant and the request (a few ms when the machine is idle, 150+ ms when its cores are busy with other work).
 */
export const SEND_JITTER_MS = 200;
