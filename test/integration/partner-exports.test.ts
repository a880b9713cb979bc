import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureReport, insertFixtureReports } from '../support/report-fixture.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const actor = { userId: null, label: 'test' };

function fixture(): Record<string, FixtureReport> {
  const rows: Record<string, FixtureReport> = {};
  for (let i = 0; i < 40; i++) {
    const province = i % 4 === 0 ? '11' : '64';
    rows[`EX${String(i).padStart(3, '0')}`] = {
      citizen: `c${i % 30}`,
      receivedAt: new Date(Date.UTC(2026, 6, 1 + (i % 28), 3)).toISOString(),
      category: i % 3 === 0 ? 'revenue' : 'licensing',
      province,
      regency: province === '64' ? '64.02' : '11.05',
      status: i % 10 === 9 ? 'new' : 'validated',
      triagedAfter: 2,
      // Numbers in every format a citizen writes them: none may leave.
      text: `tolong hub sy 0812-3456-78${String(i).padStart(2, '0')} atau +62 813 1234 ${String(5600 + i)}, nik 6402011203850${String(100 + i)} lubang 3 buah Rp 5.000.000`,
    };
  }
  return rows;
}

describe('partner exports', () => {
  let stack: TestStack;
  let kaltimKey: string;
  let allKey: string;

  beforeAll(async () => {
    // The incremental test exports in a tight loop; the per-key limit is not what it measures.
    stack = await startTestStack({ env: { EXPORT_RATE_PER_MINUTE: '1000' } });
    await insertFixtureReports(stack.database.db, fixture());
    const kaltim = await stack.workspace.partners.create(actor, {
      name: 'Koalisi Kaltim',
      provinces: ['64'],
      withText: true,
    });
    const all = await stack.workspace.partners.create(actor, { name: 'Peneliti', provinces: [] });
    if (!kaltim.ok || !all.ok) throw new Error('partners');
    kaltimKey = kaltim.value.key;
    allKey = all.value.key;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const exportAs = (key: string, query = '') =>
    stack.app.inject({
      method: 'GET',
      url: `/api/v1/exports/reports?${query}`,
      headers: { authorization: `Bearer ${key}` },
    });

  it('gives a Kalimantan Timur partner only its province, validated reports, scrubbed words, as CSV', async () => {
    const response = await exportAs(kaltimKey, 'format=csv&hxl=true');
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, hxl, ...rows] = parse(response.body.slice(1), { relax_column_count: false }) as string[][];
    expect(header?.[0]).toBe('reference_code');
    expect(hxl?.[0]).toBe('#report+code');
    const column = (name: string) => header?.indexOf(name) ?? -1;
    // 30 reports in 64 (i % 4 ≠ 0), of which those with i % 10 = 9 are still new: 9, 19, 29, 39 → 26.
    expect(rows).toHaveLength(26);
    expect(new Set(rows.map((r) => r[column('province_code')]))).toEqual(new Set(['64']));
    expect(new Set(rows.map((r) => r[column('status')]))).toEqual(new Set(['validated']));
    expect(rows[0]?.[column('regency_name')]).toBe('Kabupaten Kutai Kartanegara');
    expect(rows.every((r) => /^R-[0-9a-f]{16}$/.test(r[column('reporter')] ?? ''))).toBe(true);
    const texts = rows.map((r) => r[column('text')] ?? '').join('\n');
    // No run of seven digits survives, whatever separates them (the amount is the one number kept).
    expect(texts.replaceAll('Rp 5.000.000', '').match(/\d[\d .-]{5,}\d/g)).toBeNull();
    expect(texts).toContain('[nomor] atau [nomor], nik [NIK] lubang 3 buah Rp 5.000.000');
    expect(response.headers['x-export-cursor']).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(response.trailers['x-export-rows']).toBe('26');
  });

  it('refuses filters outside the scope and revoked keys, and never shows words to partners without them', async () => {
    const outside = await exportAs(kaltimKey, 'province=11');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().message).toContain('province 11 outside your scope');
    expect((await exportAs(kaltimKey, 'regency=11.05')).statusCode).toBe(403);
    expect((await exportAs(kaltimKey, 'status=new')).statusCode).toBe(403);
    expect((await exportAs(kaltimKey, 'since=not-a-cursor')).statusCode).toBe(400);

    const wide = await exportAs(allKey, 'format=jsonl');
    const lines = wide.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const manifest = lines.pop();
    expect(lines).toHaveLength(36);
    expect(manifest.manifest.rows).toBe(36);
    expect(lines.every((line) => line.text === undefined)).toBe(true);
    // The two partners' pseudonyms of the same citizen differ: their exports cannot be joined on them.
    const kaltim = (await exportAs(kaltimKey, 'format=jsonl')).body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byCode = new Map(lines.map((line) => [line.reference_code, line.reporter]));
    expect(kaltim.slice(0, -1).every((line) => byCode.get(line.reference_code) !== line.reporter)).toBe(true);

    const spare = await stack.workspace.partners.createKey(actor, 'Peneliti');
    if (!spare.ok) throw new Error(spare.error);
    await stack.workspace.partners.revokeKeys(actor, 'Peneliti', spare.value.prefix);
    expect((await exportAs(spare.value.key)).statusCode).toBe(401);
    expect((await exportAs(allKey)).statusCode).toBe(200);
    // Each export is audited once its body ended: partner, key prefix, filters and rows.
    const audited = await waitFor(async () => {
      const page = await stack.workspace.audit.page({ limit: 50, action: 'export.reports' });
      return page.items.length >= 4 ? page.items : null;
    });
    expect(audited[0]?.after).toMatchObject({ keyPrefix: expect.stringMatching(/^sxp_/), complete: true });
  });

  it('writes an XLSX that reads back with the same rows', async () => {
    const response = await exportAs(kaltimKey, 'format=xlsx&category=revenue');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    // Revenue (i % 3 = 0) in 64 and validated: 3, 6, 15, 18, 21, 27, 30, 33 → 8, plus the header.
    expect(sheet?.rowCount).toBe(9);
    expect(sheet?.getRow(2).getCell(4).value).toBe('revenue');
  });

  it('misses nothing and repeats nothing between incremental exports while triage writes concurrently', async () => {
    const first = await exportAs(allKey, 'format=jsonl');
    let cursor = String(first.headers['x-export-cursor']);
    const codes = Object.keys(fixture()).filter((code) => Number(code.slice(2)) % 10 !== 9);
    const writers = [0, 1, 2, 3].map(async (w) => {
      const client = new pg.Client({ connectionString: stack.database.url });
      await client.connect();
      try {
        for (const code of codes.filter((_, i) => i % 4 === w)) {
          // Transactions of varying length, so commits land in every order around the exports' snapshots.
          await client.query('begin');
          await client.query("update reports set public_note = 'ditindaklanjuti' where reference_code = $1", [
            code,
          ]);
          await client.query('select pg_sleep($1)', [Math.random() * 0.05]);
          await client.query('commit');
        }
      } finally {
        await client.end();
      }
    });
    const seen: string[] = [];
    let writing = true;
    const all = Promise.all(writers).then(() => {
      writing = false;
    });
    while (writing) {
      const batch = await exportAs(allKey, `format=jsonl&since=${cursor}`);
      const lines = batch.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      lines.pop();
      seen.push(...lines.map((line) => line.reference_code));
      cursor = String(batch.headers['x-export-cursor']);
    }
    await all;
    const last = await exportAs(allKey, `format=jsonl&since=${cursor}`);
    expect(last.statusCode, last.body).toBe(200);
    const lines = last.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    lines.pop();
    seen.push(...lines.map((line) => line.reference_code));
    expect(seen.sort()).toEqual([...codes].sort());
  });
});
