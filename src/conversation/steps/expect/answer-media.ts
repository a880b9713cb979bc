import type { Reply, Turn } from '../../engine/turn.js';
import { isSkipReply } from '../../text/is-skip-reply.js';
import type { AnswerResult } from './answer-result.js';

/** A photo or voice note (kept as references), or a skip word. A caption counts as the citizen's words. */
export function answerMedia(turn: Turn, reply: Reply): AnswerResult {
  if (reply.media.length > 0) {
    const caption = reply.text.trim();
    return caption === '' || isSkipReply(turn.flows.keywords, caption)
      ? { ok: true, value: reply.media.length }
      : { ok: true, value: reply.media.length, freeText: caption };
  }
  if (isSkipReply(turn.flows.keywords, reply.text)) return { ok: true, value: 0 };
  return { ok: false };
}
