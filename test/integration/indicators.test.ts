import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports } from '../../src/db/schema/reports.js';
import {
  compactIndicatorDeltas,
  readIndicatorCells,
  rebuildIndicatorRollup,
} from '../../src/indicators/indicator-repository.js';
import { createIndicatorService } from '../../src/indicators/indicator-service.js';
import { provinceTimeZone } from '../../src/triage/province-time-zone.js';
import { type FixtureReport, insertFixtureReports } from '../support/report-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const NOW = new Date('2026-11-20T03:00:00Z');
const Q3 = { from: '2026-07-01', to: '2026-09-30' };

/**
 * Kalimantan Timur (64, WITA = UTC+8) in the third quarter of 2026, one report per line; `…After` are the
 * hours after receipt at which it was triaged, first followed up and closed.
 */
// biome-ignore format: one report per line reads as a table
const FIXTURE: Record<string, FixtureReport> = {
  // licensing
  L1: { citizen: 'c1', receivedAt: '2026-07-03T02:00:00Z', category: 'licensing', regency: '64.02', status: 'in_follow_up', triagedAfter: 10, followedUpAfter: 72 },
  L2: { citizen: 'c2', receivedAt: '2026-07-10T02:00:00Z', category: 'licensing', regency: '64.02', channel: 'whatsapp', status: 'validated', triagedAfter: 20, due: { at: '2026-12-01T00:00:00Z', kind: 'follow_up' } },
  L3: { citizen: 'c3', receivedAt: '2026-08-04T02:00:00Z', category: 'licensing', regency: '64.02', status: 'closed', outcome: 'resolved', triagedAfter: 31, followedUpAfter: 120, closedAfter: 480 },
  L4: { citizen: 'c1', receivedAt: '2026-08-05T02:00:00Z', category: 'licensing', regency: '64.02', status: 'rejected', duplicateOf: 'L1', triagedAfter: 2 },
  L5: { citizen: 'c5', receivedAt: '2026-08-20T02:00:00Z', category: 'licensing', regency: '64.72', channel: 'whatsapp', due: { at: '2026-08-24T00:00:00Z', kind: 'triage' } },
  // 2026-06-30 17:30 UTC is 1 July 01:30 in WITA: July.
  B1: { citizen: 'c6', receivedAt: '2026-06-30T17:30:00Z', category: 'licensing', regency: '64.72' },
  // revenue
  R1: { citizen: 'c7', receivedAt: '2026-09-02T02:00:00Z', category: 'revenue', regency: '64.72', categorySource: 'staff', status: 'closed', outcome: 'not_resolved', triagedAfter: 50, followedUpAfter: 240, closedAfter: 720 },
  R2: { citizen: 'c8', receivedAt: '2026-09-15T02:00:00Z', category: 'revenue', channel: 'whatsapp', status: 'rejected', triagedAfter: 5 },
  // environmental
  E1: { citizen: 'c9', receivedAt: '2026-07-20T02:00:00Z', category: 'environmental', regency: '64.72', status: 'validated', triagedAfter: 1, due: { at: '2026-08-10T00:00:00Z', kind: 'follow_up' } },
  E2: { citizen: 'c10', receivedAt: '2026-07-21T02:00:00Z', category: 'environmental', regency: '64.02', categorySource: 'citizen', status: 'in_follow_up', triagedAfter: 3, followedUpAfter: 168 },
  // other
  O1: { citizen: 'c11', receivedAt: '2026-08-25T02:00:00Z', category: 'other', categorySource: 'classifier' },
  // Outside the quarter: 30 September 16:30 UTC is 1 October 00:30 WITA.
  X1: { citizen: 'c12', receivedAt: '2026-09-30T16:30:00Z', category: 'licensing', status: 'validated', triagedAfter: 1 },
  // Made in the simulator: never counted.
  S1: { citizen: 'c13', receivedAt: '2026-07-05T02:00:00Z', category: 'licensing', simulated: true, status: 'in_follow_up', triagedAfter: 1, followedUpAfter: 2 },
  // Aceh (11, WIB)
  A1: { citizen: 'c14', receivedAt: '2026-07-07T02:00:00Z', category: 'licensing', province: '11', regency: '11.01', status: 'in_follow_up', triagedAfter: 4, followedUpAfter: 30 },
};

describe('indicators computed from the rollup, checked by hand', () => {
  let database: TestDatabase;
  const service = () => createIndicatorService({ db: database.db, clock: () => NOW });

  beforeAll(async () => {
    database = await createTestDatabase();
    await insertFixtureReports(database.db, FIXTURE);
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function kaltimQ3() {
    const result = await service().report(['64'], { ...Q3, groupBy: 'month' });
    if (!result.ok) throw new Error(result.message);
    const [province] = result.value.provinces;
    if (!province) throw new Error('no province');
    return { report: result.value, province };
  }

  it('counts identified and followed-up problems per category (duplicates once, through the original)', async () => {
    const { report, province } = await kaltimQ3();
    expect(report.provinces.map((p) => p.provinceCode)).toEqual(['64']);
    // Licensing: L1, L2, L3 validated (L4 repeats L1; L5 and B1 are new) → 3; followed up L1, L3 → 2; 2/3 = 66.7 %.
    expect(province.indicators.licensing).toEqual({ identified: 3, followedUp: 2, percent: 66.7 });
    // Revenue: R1 (closed after a follow-up); R2 was rejected → 1/1.
    expect(province.indicators.revenue).toEqual({ identified: 1, followedUp: 1, percent: 100 });
    // Environmental: E1 and E2 validated, E2 followed up → 1/2.
    expect(province.indicators.environmental).toEqual({ identified: 2, followedUp: 1, percent: 50 });
  });

  it('funnels, outcomes, months, channels and regencies', async () => {
    const { province } = await kaltimQ3();
    // L1–L5, B1, R1, R2, E1, E2, O1 = 11 (X1 is October's, S1 simulated, A1 Aceh's).
    expect(province.received).toBe(11);
    expect(province.duplicates).toBe(1); // L4
    expect(province.rejected).toBe(2); // L4, R2
    const licensing = province.funnel.find((row) => row.category === 'licensing');
    // received L1–L5 + B1 = 6; validated L1–L3 = 3; followed up L1, L3 = 2; closed resolved L3 = 1.
    expect(licensing).toEqual({
      category: 'licensing',
      received: 6,
      validated: 3,
      followedUp: 2,
      closedResolved: 1,
    });
    expect(province.funnel.find((row) => row.category === 'other')).toEqual({
      category: 'other',
      received: 1,
      validated: 0,
      followedUp: 0,
      closedResolved: 0,
    });
    expect(province.outcomes).toEqual({ resolved: 1, not_resolved: 1, referred_elsewhere: 0, withdrawn: 0 });
    // July: L1, L2, B1 (licensing), E1, E2; August: L3, L4, L5, O1; September: R1, R2.
    expect(province.series.map((p) => [p.period, p.total, p.byCategory.licensing])).toEqual([
      ['2026-07', 5, 3],
      ['2026-08', 4, 3],
      ['2026-09', 2, 0],
    ]);
    // WhatsApp: L2 (July), L5 (August), R2 (September); the rest SMS.
    expect(province.series.map((p) => [p.byChannel.sms, p.byChannel.whatsapp])).toEqual([
      [4, 1],
      [3, 1],
      [1, 1],
    ]);
    // 64.02: L1, L2, L3, L4, E2 (identified: L1, L2, L3, E2); 64.72: L5, B1, R1, E1 (identified R1, E1); none: R2, O1.
    expect(province.regencies).toEqual([
      { code: '64.02', received: 5, identified: 4 },
      { code: '64.72', received: 4, identified: 2 },
      { code: '', received: 2, identified: 0 },
    ]);
  });

  it('medians and 90th percentiles of days, from hour buckets', async () => {
    const { province } = await kaltimQ3();
    // Triage (originals): E1 1, E2 3, R2 5, L1 10, L2 20, L3 31, R1 50 → 48 (beyond two days, whole days).
    // Median = 4th of 7 = 10 h = 0.42 d → 0.4. P90: rank 0.9 × 6 = 5.4 → 31 + 0.4 × (48 − 31) = 37.8 h = 1.575 d → 1.6.
    expect(province.durations.triage).toEqual({ reports: 7, medianDays: 0.4, p90Days: 1.6 });
    // First follow-up: L1 72, L3 120, E2 168, R1 240 → median 120 + 0.5 × 48 = 144 h = 6.0 d;
    // P90: rank 2.7 → 168 + 0.7 × 72 = 218.4 h = 9.1 d.
    expect(province.durations.followUp).toEqual({ reports: 4, medianDays: 6, p90Days: 9.1 });
    // Closure: L3 480, R1 720 → median 600 h = 25 d; P90 480 + 0.9 × 240 = 696 h = 29 d.
    expect(province.durations.closure).toEqual({ reports: 2, medianDays: 25, p90Days: 29 });
  });

  it('overdue reports, unique citizens and how categories were decided', async () => {
    const { province } = await kaltimQ3();
    // L5's triage deadline (24 Aug) and E1's follow-up deadline (10 Aug) have passed; L2's (1 Dec) has not.
    expect(province.overdue).toEqual({ triage: 1, follow_up: 1, closure: 0 });
    // 11 reports, L1 and L4 from the same citizen → 10.
    expect(province.citizens).toBe(10);
    // staff: R1; citizen chose: E2; classifier alone: O1; the other 8 confirmed by the citizen.
    expect(province.categorySource).toEqual({ both: 8, citizen: 1, classifier: 1, staff: 1 });
  });

  it('gives admins every province side by side and a total; others only their own', async () => {
    const all = await service().report(null, Q3);
    if (!all.ok) throw new Error(all.message);
    expect(all.value.provinces.map((p) => p.provinceCode)).toEqual(['11', '64']);
    // Licensing over both: 64's 3 identified / 2 followed up, plus A1 (1/1) → 3/4 = 75 %.
    expect(all.value.total.indicators.licensing).toEqual({ identified: 4, followedUp: 3, percent: 75 });
    expect(all.value.total.citizens).toBe(11);
    const aceh = await service().report(['11'], Q3);
    if (!aceh.ok) throw new Error(aceh.message);
    expect(aceh.value.provinces.map((p) => p.provinceCode)).toEqual(['11']);
    expect(aceh.value.total.received).toBe(1);
    const refused = await service().report(['11'], { ...Q3, provinces: ['64'] });
    expect(refused).toMatchObject({ ok: false, status: 403 });
  });

  it('answers a range with partial months from the reports themselves, in local time', async () => {
    // 1 October WITA holds only X1 (validated, triaged in 1 h); the whole of Q3 plus it:
    const result = await service().report(['64'], { from: '2026-07-01', to: '2026-10-01' });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.total.received).toBe(12);
    expect(result.value.total.indicators.licensing).toEqual({ identified: 4, followedUp: 2, percent: 50 });
    // From 2 July: B1 (1 July local) and nothing else in the first two days drop out.
    const later = await service().report(['64'], { from: '2026-07-02', to: '2026-09-30' });
    if (!later.ok) throw new Error(later.message);
    expect(later.value.total.received).toBe(10);
    expect(later.value.total.funnel.find((r) => r.category === 'licensing')?.received).toBe(5);
  });

  it('stays exact as triage changes reports: incremental deltas equal a rebuild from scratch', async () => {
    await compactIndicatorDeltas(database.db);
    // Staff validate L5 and follow it up, reject O1, and change E1's category.
    await database.db.execute(sql`update ${reports} set status = 'in_follow_up', triaged_at = created_at + interval '5 hours',
      first_follow_up_at = created_at + interval '30 hours' where reference_code = 'L5'`);
    await database.db.execute(
      sql`update ${reports} set status = 'rejected', triaged_at = created_at + interval '1 hour' where reference_code = 'O1'`,
    );
    await database.db.execute(
      sql`update ${reports} set category = 'revenue', category_source = 'staff' where reference_code = 'E1'`,
    );
    const { province } = await kaltimQ3();
    expect(province.indicators.licensing).toEqual({ identified: 4, followedUp: 3, percent: 75 });
    expect(province.indicators.revenue).toEqual({ identified: 2, followedUp: 1, percent: 50 });
    expect(province.indicators.environmental).toEqual({ identified: 1, followedUp: 1, percent: 100 });

    const incremental = await readIndicatorCells(database.db, { provinces: null, ...Q3 });
    expect(await compactIndicatorDeltas(database.db)).toBeGreaterThan(0);
    const compacted = await readIndicatorCells(database.db, { provinces: null, ...Q3 });
    await rebuildIndicatorRollup(database.db);
    const rebuilt = await readIndicatorCells(database.db, { provinces: null, ...Q3 });
    const sorted = (cells: typeof rebuilt) =>
      cells.map((c) => `${c.provinceCode} ${c.month} ${c.facet} ${c.cell} ${c.reports}`).sort();
    expect(sorted(incremental).length).toBeGreaterThan(20);
    expect(sorted(incremental)).toEqual(sorted(rebuilt));
    expect(sorted(compacted)).toEqual(sorted(rebuilt));
  });

  it('places a moment in the same local month as the application does, for every province code', async () => {
    const codes = [
      ...Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0')),
      '64.02',
      ' 74 ',
      '',
    ];
    const result = await database.db.execute(sql`select code, indicator_zone(code) as zone
      from unnest(${sql.raw(`array[${codes.map((c) => `'${c}'`).join(',')}]`)}::text[]) as code`);
    for (const row of result.rows)
      expect([row.code, row.zone]).toEqual([row.code, provinceTimeZone(String(row.code))]);
    expect(result.rows).toHaveLength(codes.length);
  });
});
