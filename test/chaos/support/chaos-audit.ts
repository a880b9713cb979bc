import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { inboundQueueName } from '../../../src/pipeline/queue-names.js';
import { createPiiCipher } from '../../../src/privacy/pii-cipher.js';
import type { ChaosDeployment } from './chaos-deployment.js';

export interface InboundAudit {
  /** Acknowledged (200) messages, probes included. */
  acknowledged: number;
  /** Acknowledged and stored exactly once. */
  storedOnce: number;
  storedTwice: number;
  /** Acknowledged but in neither `messages` nor `dead_letters`. */
  missing: string[];
  /** Stored but not (yet) handled. */
  unhandled: string[];
  deadLettered: string[];
  /** Not acknowledged (refused or unanswered) yet stored: allowed, the webhook may have queued it first. */
  storedUnacknowledged: number;
  /** Inbound jobs still waiting, active or delayed in Redis: missing messages there are late, not lost. */
  stillQueued: number;
}

/** Every inbound message the suite sent, read back from the private Postgres. */
export async function auditInbound(
  deployment: ChaosDeployment,
  acknowledged: Set<string>,
  sent: Set<string>,
): Promise<InboundAudit> {
  const { rows } = await deployment.database.pool.query<{ sid: string; copies: number; handled: boolean }>(
    `select provider_message_id as sid, count(*)::int as copies, bool_and(handled_at is not null) as handled
       from messages where direction = 'inbound' and provider = 'twilio' group by provider_message_id`,
  );
  const dead = await deployment.database.pool.query<{ sid: string }>(
    `select provider_message_id as sid from dead_letters where provider = 'twilio'`,
  );
  const stored = new Map(rows.map((row) => [row.sid, row]));
  const deadSet = new Set(dead.rows.map((row) => row.sid));
  const audit: InboundAudit = {
    acknowledged: acknowledged.size,
    storedOnce: 0,
    storedTwice: rows.filter((row) => row.copies > 1).length,
    missing: [],
    unhandled: [],
    deadLettered: [],
    storedUnacknowledged: 0,
    stillQueued: await queuedInboundJobs(deployment),
  };
  for (const sid of acknowledged) {
    const row = stored.get(sid);
    if (deadSet.has(sid)) audit.deadLettered.push(sid);
    if (!row) {
      if (!deadSet.has(sid)) audit.missing.push(sid);
      continue;
    }
    if (row.copies === 1) audit.storedOnce += 1;
    if (!row.handled) audit.unhandled.push(sid);
  }
  for (const sid of sent) if (!acknowledged.has(sid) && stored.has(sid)) audit.storedUnacknowledged += 1;
  return audit;
}

async function queuedInboundJobs(deployment: ChaosDeployment): Promise<number> {
  const redis = new Redis(deployment.redis.url, { maxRetriesPerRequest: 3 });
  try {
    let total = 0;
    for (let partition = 0; partition < deployment.partitions; partition++) {
      const queue = new Queue(inboundQueueName(partition), {
        connection: redis,
        prefix: deployment.queuePrefix,
      });
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      total += Object.values(counts).reduce((sum, n) => sum + n, 0);
      await queue.close();
    }
    return total;
  } finally {
    redis.disconnect();
  }
}

export interface ReplyAudit {
  /** Outbound messages Suara stored (its replies). */
  stored: number;
  /** Send requests the Twilio stand-in received. */
  sent: number;
  /** Send requests beyond one per stored reply (same recipient and text). */
  duplicates: number;
  /** Stored replies the stand-in never received, by status. */
  unsent: Record<string, number>;
  /** Send requests to a recipient no stored reply names. */
  unmatched: number;
  /** Stored replies by status at the end ("accepted": the provider's id is recorded). */
  statuses: Record<string, number>;
}

/**
 * Replies are matched to send requests by recipient (its keyed hash, as contacts are looked up) and text:
 * a reply text may legitimately go to one citizen more than once, so the counts are compared per pair.
 */
export async function auditReplies(deployment: ChaosDeployment): Promise<ReplyAudit> {
  const cipher = createPiiCipher(Buffer.from(deployment.piiKey, 'hex'));
  // A reply the provider accepted carries its id; its status is the provider's ("queued" at Twilio too).
  const { rows } = await deployment.database.pool.query<{ hash: string; body: string; status: string }>(
    `select c.address_hash as hash, m.body,
            case when m.provider_message_id is null then m.status else 'accepted' end as status
       from messages m join contacts c on c.id = m.contact_id
      where m.direction = 'outbound' and m.provider = 'twilio'`,
  );
  const posts = deployment.standIn.requests.filter(
    (request) => request.method === 'POST' && request.path.endsWith('/Messages.json'),
  );
  const key = (hash: string, body: string) => `${hash}\u0000${body}`;
  const sentCounts = new Map<string, number>();
  for (const post of posts) {
    const k = key(cipher.hash(post.form.get('To') ?? ''), post.form.get('Body') ?? '');
    sentCounts.set(k, (sentCounts.get(k) ?? 0) + 1);
  }
  const storedByKey = new Map<string, { count: number; statuses: string[] }>();
  for (const row of rows) {
    const k = key(row.hash, row.body);
    const entry = storedByKey.get(k) ?? { count: 0, statuses: [] };
    entry.count += 1;
    entry.statuses.push(row.status);
    storedByKey.set(k, entry);
  }
  const statuses: Record<string, number> = {};
  for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
  const audit: ReplyAudit = {
    stored: rows.length,
    sent: posts.length,
    duplicates: 0,
    unsent: {},
    unmatched: 0,
    statuses,
  };
  for (const [k, count] of sentCounts) {
    const stored = storedByKey.get(k)?.count ?? 0;
    if (stored === 0) audit.unmatched += count;
    else audit.duplicates += Math.max(0, count - stored);
  }
  for (const [k, entry] of storedByKey) {
    const missing = entry.count - (sentCounts.get(k) ?? 0);
    if (missing <= 0) continue;
    // Which of the pair's rows are the unsent ones cannot be told apart; the statuses not "sent" name them.
    const notSent = entry.statuses.filter((status) => status !== 'accepted');
    for (let i = 0; i < missing; i++) {
      const status = notSent[i] ?? 'accepted';
      audit.unsent[status] = (audit.unsent[status] ?? 0) + 1;
    }
  }
  return audit;
}

export interface PlaintextAudit {
  keys: number;
  /** Where a number or a message text was found in the clear: a Redis key or value, a Redis file, a log. */
  findings: string[];
}

/**
 * Reads every key and value in Redis (strings, hashes, lists, sets, sorted sets, streams) and every file
 * Redis wrote (and the processes' logs), and looks for what would give a sender away: `patterns` match the suite's numbers (with
 * or without "+") and the unique words of its messages. Patterns, not lists of strings: the AOF runs to
 * megabytes and the senders to hundreds.
 */
export async function auditPlaintext(
  deployment: ChaosDeployment,
  patterns: RegExp[],
): Promise<PlaintextAudit> {
  const redis = new Redis(deployment.redis.url, { maxRetriesPerRequest: 3 });
  const findings: string[] = [];
  const find = (where: string, text: string) => {
    for (const pattern of patterns) {
      const match = pattern.exec(text);
      if (match) findings.push(`${where}: ${match[0]}`);
    }
  };
  let keys = 0;
  try {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const name of batch) {
        keys += 1;
        find(`redis key ${name}`, name);
        find(`redis value of ${name}`, await redisValue(redis, name));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  // Not Redis, but where a leak shows first: what the processes logged.
  for (const suara of deployment.processes) find(`log of ${suara.name}`, suara.output());
  const files = deployment.redis.files();
  files.forEach((file, i) => {
    find(`Redis file ${i} (AOF)`, file.toString('latin1'));
  });
  return { keys, findings: [...new Set(findings)] };
}

async function redisValue(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return (await redis.getBuffer(key))?.toString('latin1') ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, '0', '-1'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
