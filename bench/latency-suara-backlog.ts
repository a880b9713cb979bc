import pg from 'pg';

/**
 * What Suara still has to do for the bench's messages: inbound messages not yet handled (waiting in a
 * partition or for their coalescing window) and replies the provider has not accepted yet (an accepted
 * one has its sid, and keeps Twilio's own status, `queued`, until a status callback says more).
 */
export async function suaraBacklog(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      `select count(*)::text as n from messages
        where (direction = 'inbound' and handled_at is null)
           or (direction = 'outbound' and provider_message_id is null and status in ('queued', 'sending'))`,
    );
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
