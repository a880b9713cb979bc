import pg from 'pg';
import type { ReplyArrival } from './latency-stand-in.js';

/**
 * When the first reply to each inbound message reached the stand-in, keyed by the inbound MessageSid.
 * `answers` maps a reply's sid (the one the stand-in gave it) to the MessageSid of the message it
 * answers; a turn of several replies counts from the first of them to arrive.
 */
export function firstReplyAt(arrivals: ReplyArrival[], answers: Map<string, string>): Map<string, number> {
  const first = new Map<string, number>();
  for (const arrival of arrivals) {
    const inbound = answers.get(arrival.sid);
    if (inbound === undefined) continue;
    const known = first.get(inbound);
    if (known === undefined || arrival.at < known) first.set(inbound, arrival.at);
  }
  return first;
}

/**
 * Which message each of Suara's replies answers, from Postgres: an outbound message's `in_reply_to` is
 * the inbound message of its turn, whose provider id is the MessageSid the load generator sent. Exact
 * whatever the timing, where guessing by arrival order would hand a slow turn's reply to the next message.
 */
export async function suaraAnswers(databaseUrl: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ reply: string; inbound: string }>(
      `select o.provider_message_id as reply, i.provider_message_id as inbound
         from messages o join messages i on i.id = o.in_reply_to
        where o.direction = 'outbound' and o.provider_message_id is not null`,
    );
    return new Map(result.rows.map((row) => [row.reply, row.inbound]));
  } finally {
    await client.end();
  }
}

/** The baseline's replies end with the MessageSid they answer, in brackets. */
export function referenceAnswers(arrivals: ReplyArrival[]): Map<string, string> {
  const answers = new Map<string, string>();
  for (const arrival of arrivals) {
    const match = /\((SM[0-9a-f]+)\)$/.exec(arrival.body);
    if (match?.[1]) answers.set(arrival.sid, match[1]);
  }
  return answers;
}
