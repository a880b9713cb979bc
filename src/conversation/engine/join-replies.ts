import { countSegments } from '../../sms/count-segments.js';
import type { Channel } from './engine-types.js';

/**
 * Replies due in one turn, as they should be sent: on SMS, consecutive replies that fit one segment
 * together go as one message (each SMS costs, and a citizen reading two may miss one); otherwise each
 * stays its own. WhatsApp messages are not billed by segment and keep their shape.
 */
export function joinReplies(texts: readonly string[], channel: Channel): string[] {
  if (channel !== 'sms') return [...texts];
  const joined: string[] = [];
  for (const text of texts) {
    const last = joined.at(-1);
    const both = last === undefined ? undefined : `${last}\n${text}`;
    if (both !== undefined && countSegments(both).segments === 1) joined[joined.length - 1] = both;
    else joined.push(text);
  }
  return joined;
}
