import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { recordAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import { forEachJob, openInboundQueues, RESTING_STATES } from './inbound-queues.js';
import { type PiiCipher, sealedWithPattern } from './pii-cipher.js';
import { SEALED_COLUMNS, type SealedColumn, sealedColumnName } from './sealed-columns.js';

export interface RotationProgress {
  /** `contacts.address_enc`, `redis inbound jobs`, … */
  source: string;
  done: number;
  total: number;
}

export interface RotationResult {
  /** Values sealed again with the current key, by source. */
  resealed: Record<string, number>;
  /** Values that could not be opened (their key is not configured, or they are damaged), by source. */
  unreadable: Record<string, number>;
  /** Cached sessions sealed with an older key, dropped (the next turn reads Postgres). */
  sessionsDropped: number;
  /** True when stopped by the signal before the end: running it again continues. */
  interrupted: boolean;
}

export interface RotationDeps {
  db: Db;
  redis: Redis;
  cipher: PiiCipher;
  prefix: string;
  partitions: number;
}

export interface RotationOptions {
  batchSize?: number;
  actor?: string;
  /** Stops between batches; what was done stays done. */
  signal?: AbortSignal;
  onProgress?: (progress: RotationProgress) => void;
}

const ANY_SEALED = 'v_.%';

/**
 * Seals every value still on an older key with the current one, in batches, each row updated only if it
 * still holds the value read (compare-and-set), so it runs safely beside the service and a concurrent
 * write always wins. Nothing records how far it got: what is left is whatever is not on the current key,
 * so running it again after an interruption simply continues. Redis holds sealed values too: waiting and
 * retained inbound jobs are re-sealed in place, cached sessions on an older key are dropped.
 */
export async function rotatePiiKeys(
  deps: RotationDeps,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const batchSize = options.batchSize ?? 500;
  const result: RotationResult = { resealed: {}, unreadable: {}, sessionsDropped: 0, interrupted: false };
  const current = sealedWithPattern(deps.cipher.currentKeyId);

  for (const column of SEALED_COLUMNS) {
    const name = sealedColumnName(column);
    const value = sealedValueOf(column);
    const idColumn = sql.raw(`(${column.id})`);
    const table = sql.identifier(column.table);
    if (!(await tableExists(deps.db, column.table))) continue;
    const stale = sql`${value} like ${ANY_SEALED} and ${value} not like ${current}`;
    const counted = await deps.db.execute<{ total: string }>(
      sql`select count(*) as total from ${table} where ${stale}`,
    );
    const total = Number(counted.rows[0]?.total ?? 0);
    let done = 0;
    let resealed = 0;
    let unreadable = 0;
    let after: string | null = null;
    options.onProgress?.({ source: name, done, total });
    while (!options.signal?.aborted) {
      const batch: { rows: { id: string; sealed: string }[] } = await deps.db.execute<{
        id: string;
        sealed: string;
      }>(
        sql`select ${idColumn} as id, ${value} as sealed from ${table}
            where ${stale} ${after === null ? sql`` : sql`and ${idColumn} > ${after}`}
            order by ${idColumn} limit ${batchSize}`,
      );
      if (batch.rows.length === 0) break;
      for (const row of batch.rows) {
        let next: string | null;
        try {
          next = deps.cipher.reseal(row.sealed);
        } catch {
          unreadable += 1;
          continue;
        }
        if (next === null) continue;
        const updated = await deps.db.execute(
          column.jsonKey
            ? sql`update ${table} set ${sql.identifier(column.column)} =
                    jsonb_set(${sql.identifier(column.column)}, ${`{${column.jsonKey}}`}::text[], to_jsonb(${next}::text))
                  where ${idColumn} = ${row.id} and ${value} = ${row.sealed}`
            : sql`update ${table} set ${sql.identifier(column.column)} = ${next}
                  where ${idColumn} = ${row.id} and ${value} = ${row.sealed}`,
        );
        // Zero rows: the value changed meanwhile, and whatever wrote it sealed it with a current key.
        if ((updated.rowCount ?? 0) > 0) resealed += 1;
      }
      after = batch.rows[batch.rows.length - 1]?.id ?? after;
      done += batch.rows.length;
      options.onProgress?.({ source: name, done: Math.min(done, total), total });
    }
    result.resealed[name] = resealed;
    if (unreadable) result.unreadable[name] = unreadable;
  }

  if (!options.signal?.aborted) await resealInboundJobs(deps, result, options);
  if (!options.signal?.aborted) result.sessionsDropped = await dropStaleSessions(deps);
  result.interrupted = options.signal?.aborted ?? false;

  await recordAudit(deps.db, {
    actorUserId: null,
    actor: options.actor ?? 'cli',
    action: 'keys.rotate',
    subjectType: 'pii_key',
    subjectId: deps.cipher.currentKeyId,
    after: {
      resealed: result.resealed,
      unreadable: result.unreadable,
      sessionsDropped: result.sessionsDropped,
      interrupted: result.interrupted,
    },
  });
  return result;
}

export async function tableExists(db: Pick<Db, 'execute'>, table: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(sql`select to_regclass(${table}) is not null as found`);
  return result.rows[0]?.found === true;
}

function sealedValueOf(column: SealedColumn) {
  return column.jsonKey
    ? sql`(${sql.identifier(column.column)} ->> ${column.jsonKey})`
    : sql.identifier(column.column);
}

const JOBS = 'redis inbound jobs';

async function resealInboundJobs(
  deps: RotationDeps,
  result: RotationResult,
  options: RotationOptions,
): Promise<void> {
  const queues = openInboundQueues(deps.redis, deps.prefix, deps.partitions);
  let resealed = 0;
  let unreadable = 0;
  let done = 0;
  try {
    for (const queue of queues) {
      await forEachJob(queue, RESTING_STATES, async (job) => {
        done += 1;
        const sealed = job.data?.sealed;
        if (typeof sealed !== 'string') return;
        let next: string | null;
        try {
          next = deps.cipher.reseal(sealed);
        } catch {
          unreadable += 1;
          return;
        }
        if (next === null) return;
        try {
          await job.updateData({ ...job.data, sealed: next });
          resealed += 1;
        } catch {
          // Removed or finished meanwhile: nothing left to re-seal.
        }
      });
      options.onProgress?.({ source: JOBS, done, total: done });
    }
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
  result.resealed[JOBS] = resealed;
  if (unreadable) result.unreadable[JOBS] = unreadable;
}

async function dropStaleSessions(deps: RotationDeps): Promise<number> {
  let dropped = 0;
  let cursor = '0';
  do {
    const [next, keys] = await deps.redis.scan(cursor, 'MATCH', `${deps.prefix}:session:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const value = await deps.redis.get(key);
      if (value === null || deps.cipher.keyIdOf(value) === deps.cipher.currentKeyId) continue;
      // A cache entry only: the session itself is in Postgres, which the next turn reads instead.
      dropped += await deps.redis.del(key);
    }
  } while (cursor !== '0');
  return dropped;
}
