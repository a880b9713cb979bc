import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appendAudit } from '../audit/append-audit.js';
import type { Db } from '../db/database.js';
import type { ExportBatchFormat, ExportScheduleRow } from '../db/schema/export-schedules.js';
import type { PiiCipher } from '../privacy/pii-cipher.js';
import { wallClockAsUtc } from '../triage/local-day.js';
import { exportQuerySchema } from './export-filters.js';
import {
  deleteExportSchedule,
  findExportSchedule,
  listDueExportSchedules,
  markExportBatchDelivered,
  markExportBatchFailed,
  upsertExportSchedule,
} from './export-schedule-repository.js';
import type { ExportService } from './export-service.js';
import { findPartnerByName } from './partner-repository.js';
import type { PartnerActor, PartnerService } from './partner-service.js';

/** Batches are made by the calendar of the national capital (WIB). */
const BATCH_TIME_ZONE = 'Asia/Jakarta';

export interface ScheduleInput {
  format: ExportBatchFormat;
  directory: string | null;
  url: string | null;
  hour: number;
}

export type ScheduleResult =
  | { ok: true; schedule: ExportScheduleRow; signingKey: string | null }
  | { ok: false; error: string };

/** What one delivery did, for the log and the tests. */
export interface BatchDelivery {
  rows: number;
  sha256: string;
  file: string | null;
  posted: boolean;
}

export interface ExportBatchDeps {
  db: Db;
  cipher: PiiCipher;
  partners: PartnerService;
  exports: ExportService;
  clock: () => Date;
  /** How long the partner's endpoint may take to answer a POST. */
  postTimeoutMs?: number;
}

/** Only HTTPS leaves the machine; plain HTTP is allowed to this machine itself (a local relay, tests). */
function checkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--url is not a URL: ${url}`;
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local))
    return '--url must be https:// (plain http only to this machine)';
  return null;
}

/** The signature a partner checks: HMAC-SHA256 over `<timestamp>.<body>` with the schedule's key. */
export function exportBatchSignature(key: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Partners' daily batches: schedules (admin CLI, audited), which are due, and one delivery — the export
 * of everything changed since the previous batch, written to a file and/or POSTed with a signature. The
 * cursor moves on only after the batch was delivered, so a failed delivery is retried, never skipped.
 */
export function createExportBatchService(deps: ExportBatchDeps) {
  const today = () => {
    const wall = new Date(wallClockAsUtc(deps.clock().getTime(), BATCH_TIME_ZONE));
    return { date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours() };
  };

  return {
    async schedule(actor: PartnerActor, name: string, input: ScheduleInput): Promise<ScheduleResult> {
      if (!input.directory && !input.url) return { ok: false, error: 'give --dir, --url or both' };
      if (input.url) {
        const problem = checkUrl(input.url);
        if (problem) return { ok: false, error: problem };
      }
      if (!Number.isInteger(input.hour) || input.hour < 0 || input.hour > 23)
        return { ok: false, error: '--hour must be 0–23 (WIB)' };
      const partner = await findPartnerByName(deps.db, name);
      if (!partner) return { ok: false, error: `no partner named "${name}"` };
      const signingKey = input.url ? randomBytes(32).toString('hex') : null;
      const schedule = await deps.db.transaction(async (tx) => {
        const row = await upsertExportSchedule(tx, partner.id, {
          ...input,
          signingKeyEnc: signingKey ? deps.cipher.encrypt(signingKey) : null,
        });
        await appendAudit(tx, {
          actorUserId: actor.userId,
          actor: actor.label,
          action: 'partner.schedule',
          subjectType: 'partner',
          subjectId: partner.id,
          after: { format: input.format, directory: input.directory, url: input.url, hour: input.hour },
        });
        return row;
      });
      return { ok: true, schedule, signingKey };
    },

    async unschedule(actor: PartnerActor, name: string): Promise<boolean> {
      const partner = await findPartnerByName(deps.db, name);
      if (!partner) return false;
      return deps.db.transaction(async (tx) => {
        const deleted = await deleteExportSchedule(tx, partner.id);
        if (deleted)
          await appendAudit(tx, {
            actorUserId: actor.userId,
            actor: actor.label,
            action: 'partner.unschedule',
            subjectType: 'partner',
            subjectId: partner.id,
          });
        return deleted;
      });
    },

    /** Partners whose batch for today is due, with today's local date. */
    async due(): Promise<{ date: string; partnerIds: string[] }> {
      const { date, hour } = today();
      return { date, partnerIds: await listDueExportSchedules(deps.db, date, hour) };
    },

    /** Makes and delivers one partner's batch for `date`; throws when it must be tried again. */
    async deliver(partnerId: string, date: string): Promise<BatchDelivery | null> {
      const found = await findExportSchedule(deps.db, partnerId);
      if (!found?.partner.active || found.schedule.lastBatchDate === date) return null;
      const { schedule, partner } = found;
      try {
        const query = exportQuerySchema.parse({
          format: schedule.format,
          since: schedule.cursor ?? undefined,
        });
        const opened = await deps.exports.open(deps.partners.scheduledCaller(partner), query);
        if (!opened.ok) throw new Error(opened.message);
        const name = `${slug(partner.name)}-${date}.${schedule.format}`;
        // Written beside its destination and renamed into place, so a reader never sees half a file.
        const folder = schedule.directory ?? (await mkdtemp(join(tmpdir(), 'suara-batch-')));
        await mkdir(folder, { recursive: true });
        const partial = join(folder, `.${name}.partial`);
        const file = join(folder, name);
        try {
          await pipeline(opened.value.body, createWriteStream(partial));
          const summary = await opened.value.summary;
          await rename(partial, file);
          let posted = false;
          if (schedule.url) {
            await post(schedule, file, name, summary, deps);
            posted = true;
          }
          await markExportBatchDelivered(deps.db, partnerId, {
            localDate: date,
            cursor: opened.value.cursor,
            rows: summary.rows,
          });
          return {
            rows: summary.rows,
            sha256: summary.sha256,
            file: schedule.directory ? file : null,
            posted,
          };
        } finally {
          await rm(partial, { force: true });
          if (!schedule.directory) await rm(folder, { recursive: true, force: true });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await markExportBatchFailed(deps.db, partnerId, message);
        throw error;
      }
    },
  };
}

async function post(
  schedule: ExportScheduleRow,
  file: string,
  name: string,
  summary: { rows: number; sha256: string },
  deps: ExportBatchDeps,
): Promise<void> {
  if (!schedule.url || !schedule.signingKeyEnc)
    throw new Error('the schedule has no endpoint or signing key');
  const key = deps.cipher.decrypt(schedule.signingKeyEnc);
  const timestamp = String(Math.floor(deps.clock().getTime() / 1000));
  // The signature covers the bytes: one pass to sign, one to send, never the whole file in memory.
  const hmac = createHmac('sha256', key).update(`${timestamp}.`);
  const sha = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    hmac.update(chunk as Buffer);
    sha.update(chunk as Buffer);
  }
  const response = await fetch(schedule.url, {
    method: 'POST',
    headers: {
      'content-type': CONTENT_TYPES[schedule.format],
      'x-suara-batch': name,
      'x-suara-rows': String(summary.rows),
      'x-suara-sha256': sha.digest('hex'),
      'x-suara-timestamp': timestamp,
      'x-suara-signature': `sha256=${hmac.digest('hex')}`,
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    duplex: 'half',
    signal: AbortSignal.timeout(deps.postTimeoutMs ?? 60_000),
  } as RequestInit & { duplex: 'half' });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the partner's endpoint answered HTTP ${response.status}`);
}

const CONTENT_TYPES: Record<ExportBatchFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'partner'
  );
}

export type ExportBatchService = ReturnType<typeof createExportBatchService>;
