import { and, eq, sql } from 'drizzle-orm';
import type { Channel, Provider } from '../channels/channel-adapter.js';
import type { DbExecutor } from '../db/database.js';
import { type MediaRef, messages } from '../db/schema/messages.js';

export interface InboundToStore {
  channel: Channel;
  provider: Provider;
  providerMessageId: string;
  addressHash: string;
  /** The sealed number, written only when the contact is new. */
  addressEnc: string;
  /** Used only when the contact is new. */
  pseudonym: string;
  body: string;
  media: MediaRef[];
  receivedAt: Date;
}

export interface StoredInbound {
  contact: { id: string; pseudonym: string; language: string | null; optedOut: boolean; isNew: boolean };
  messageId: string;
}

interface StoredRow extends Record<string, unknown> {
  contact_id: string;
  pseudonym: string;
  language: string | null;
  opted_out: boolean;
  is_new: boolean;
  message_id: string | null;
}

/**
 * Upserts the contact and stores the message once (a redelivery keeps the first row), in one
 * statement: one round trip on the busiest path of the workers. A single statement is atomic on its
 * own, so it needs no transaction of its own.
 */
export async function storeInboundMessage(db: DbExecutor, input: InboundToStore): Promise<StoredInbound> {
  const at = input.receivedAt.toISOString();
  const result = await db.execute<StoredRow>(sql`
    with contact as (
      insert into contacts (pseudonym, channel, address_hash, address_enc, provider,
                            first_seen_at, last_seen_at, last_inbound_at)
      values (${input.pseudonym}, ${input.channel}, ${input.addressHash}, ${input.addressEnc},
              ${input.provider}, ${at}, ${at}, ${at})
      on conflict (channel, address_hash) do update set
        provider = excluded.provider,
        last_seen_at = greatest(contacts.last_seen_at, excluded.last_seen_at),
        last_inbound_at = greatest(contacts.last_inbound_at, excluded.last_inbound_at)
      -- xmax is 0 only for a row this statement inserted.
      returning id, pseudonym, language, opted_out, (xmax = 0) as is_new
    ), message as (
      insert into messages (direction, channel, provider, provider_message_id, contact_id, body, media,
                            status, created_at)
      select 'inbound', ${input.channel}, ${input.provider}, ${input.providerMessageId}, contact.id,
             ${input.body}, ${JSON.stringify(input.media)}::jsonb, 'received', ${at}
      from contact
      on conflict (provider, provider_message_id) do nothing
      returning id
    )
    select contact.id as contact_id, contact.pseudonym, contact.language, contact.opted_out, contact.is_new,
           coalesce((select id from message),
                    (select id from messages
                     where provider = ${input.provider} and provider_message_id = ${input.providerMessageId}))
             as message_id
    from contact`);
  const row = result.rows[0];
  if (!row) throw new Error('contact upsert returned nothing');
  const contact = {
    id: row.contact_id,
    pseudonym: row.pseudonym,
    language: row.language,
    optedOut: row.opted_out,
    isNew: row.is_new,
  };
  if (row.message_id) return { contact, messageId: row.message_id };
  // The same message stored meanwhile by a transaction that committed after this statement's snapshot.
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.provider, input.provider), eq(messages.providerMessageId, input.providerMessageId)),
    );
  if (!message) throw new Error('inbound message vanished after insert');
  return { contact, messageId: message.id };
}
