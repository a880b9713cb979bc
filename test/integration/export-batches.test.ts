import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSchedules } from '../../src/db/schema/export-schedules.js';
import { reports } from '../../src/db/schema/reports.js';
import { createExportBatchService, exportBatchSignature } from '../../src/exports/export-batch-service.js';
import { startExportBatches } from '../../src/exports/start-export-batches.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import { type FixtureReport, insertFixtureReports } from '../support/report-fixture.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const actor = { userId: null, label: 'test' };

/** 06:30 WIB on 2026-11-02 is 23:30 UTC the day before. */
let now = new Date('2026-11-01T23:30:00Z');

function fixture(): Record<string, FixtureReport> {
  const rows: Record<string, FixtureReport> = {};
  for (let i = 0; i < 12; i++) {
    rows[`BATK${String(i).padStart(2, '0')}`] = {
      citizen: `c${i}`,
      receivedAt: `2026-10-${String(10 + i).padStart(2, '0')}T03:00:00Z`,
      category: i % 2 ? 'licensing' : 'environmental',
      province: i < 10 ? '64' : '11',
      regency: i < 10 ? '64.02' : '11.01',
      status: i === 9 ? 'new' : 'validated',
      triagedAfter: 2,
      text: `lubang tambang, hubungi 0812-3456-78${String(i).padStart(2, '0')}`,
    };
  }
  return rows;
}

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A partner's endpoint: records every POST, answers with the scripted statuses, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(statuses.shift() ?? 200);
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/suara-batches`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('scheduled partner batches', () => {
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let directory: string;
  let signingKey: string;
  let runner: { close(): Promise<void> };
  const connection = createRedisConnection('redis://127.0.0.1:6379', 'worker');

  beforeAll(async () => {
    stack = await startTestStack();
    await insertFixtureReports(stack.database.db, fixture());
    const partner = await stack.workspace.partners.create(actor, {
      name: 'Koalisi Kaltim',
      provinces: ['64'],
    });
    if (!partner.ok) throw new Error(partner.error);
    receiver = await startReceiver();
    directory = await mkdtemp(join(tmpdir(), 'suara-batches-test-'));
  }, 60_000);
  afterAll(async () => {
    await runner?.close();
    connection.disconnect();
    await receiver?.close();
    await stack?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  const service = () =>
    createExportBatchService({
      db: stack.database.db,
      cipher: stack.services.cipher,
      partners: stack.workspace.partners,
      exports: stack.workspace.exports,
      clock: () => now,
    });
  const scheduleRow = async () => {
    const [row] = await stack.database.db.select().from(exportSchedules);
    if (!row) throw new Error('no schedule');
    return row;
  };

  it('refuses schedules without a destination, with plain http elsewhere, or an impossible hour', async () => {
    const batches = service();
    const input = { format: 'csv' as const, directory: null, url: null, hour: 6 };
    expect(await batches.schedule(actor, 'Koalisi Kaltim', input)).toEqual({
      ok: false,
      error: 'give --dir, --url or both',
    });
    expect(
      await batches.schedule(actor, 'Koalisi Kaltim', { ...input, url: 'http://partner.example.org/in' }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('https') });
    expect(await batches.schedule(actor, 'Koalisi Kaltim', { ...input, directory, hour: 24 })).toMatchObject({
      ok: false,
    });
    expect(await batches.schedule(actor, 'Nobody', { ...input, directory })).toMatchObject({ ok: false });
  });

  it('delivers the first batch once its hour has come, retrying a failed POST, signed and written to disk', async () => {
    const batches = service();
    const scheduled = await batches.schedule(actor, 'Koalisi Kaltim', {
      format: 'csv',
      directory,
      url: receiver.url,
      hour: 7,
    });
    if (!scheduled.ok) throw new Error(scheduled.error);
    signingKey = scheduled.signingKey ?? '';
    expect(signingKey).toMatch(/^[0-9a-f]{64}$/);

    // 06:30 WIB: not yet due.
    expect((await batches.due()).partnerIds).toEqual([]);
    now = new Date('2026-11-02T00:30:00Z'); // 07:30 WIB
    expect(await batches.due()).toEqual({
      date: '2026-11-02',
      partnerIds: [(await scheduleRow()).partnerId],
    });

    receiver.statuses.push(500);
    runner = await startExportBatches(batches, {
      connection,
      prefix: stack.config.QUEUE_PREFIX,
      tickMs: 200,
      backoffMs: 100,
      attempts: 4,
      logger: stack.services.logger,
    });
    await waitFor(async () => (await scheduleRow()).lastBatchDate === '2026-11-02');

    expect(receiver.received).toHaveLength(2);
    const [failed, delivered] = receiver.received;
    expect(failed?.headers['x-suara-batch']).toBe('koalisi-kaltim-2026-11-02.csv');
    expect(delivered?.body.equals(failed?.body ?? Buffer.alloc(0))).toBe(true);
    const body = delivered?.body ?? Buffer.alloc(0);
    const timestamp = String(delivered?.headers['x-suara-timestamp']);
    expect(delivered?.headers['x-suara-signature']).toBe(exportBatchSignature(signingKey, timestamp, body));
    expect(exportBatchSignature('another key', timestamp, body)).not.toBe(
      delivered?.headers['x-suara-signature'],
    );

    const [header, ...rows] = parse(body.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    // Nine validated Kalimantan Timur reports; the new one and Aceh's never leave.
    expect(rows).toHaveLength(9);
    expect(delivered?.headers['x-suara-rows']).toBe('9');
    expect(header).toContain('reporter');
    expect(body.toString('utf8')).not.toMatch(/0812/);

    const files = (await readdir(directory)).filter((name) => !name.startsWith('.'));
    expect(files).toEqual(['koalisi-kaltim-2026-11-02.csv']);
    expect((await readFile(join(directory, files[0] ?? ''))).equals(body)).toBe(true);
    const row = await scheduleRow();
    expect(row.lastRows).toBe(9);
    expect(row.lastError).toBeNull();
    expect(row.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(stack.logs.join('\n')).toContain('partner batch delivered');
  });

  it('sends only what changed since the previous batch the next day, and nothing twice the same day', async () => {
    const before = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(receiver.received).toHaveLength(before);

    await stack.database.db
      .update(reports)
      .set({ status: 'validated', updatedAt: new Date() })
      .where(eq(reports.referenceCode, 'BATK09'));
    now = new Date('2026-11-03T01:00:00Z');
    await waitFor(async () => (await scheduleRow()).lastBatchDate === '2026-11-03');
    const latest = receiver.received.at(-1);
    expect(latest?.headers['x-suara-batch']).toBe('koalisi-kaltim-2026-11-03.csv');
    const [, ...rows] = parse(
      (latest?.body ?? Buffer.alloc(0)).toString('utf8').replace(/^\uFEFF/, ''),
    ) as string[][];
    expect(rows.map((r) => r[0])).toEqual(['BATK09']);
    expect((await readdir(directory)).filter((name) => !name.startsWith('.')).sort()).toEqual([
      'koalisi-kaltim-2026-11-02.csv',
      'koalisi-kaltim-2026-11-03.csv',
    ]);
  });

  it('stops when unscheduled', async () => {
    expect(await service().unschedule(actor, 'Koalisi Kaltim')).toBe(true);
    expect(await stack.database.db.select().from(exportSchedules)).toHaveLength(0);
    expect(await service().unschedule(actor, 'Koalisi Kaltim')).toBe(false);
  });
});
