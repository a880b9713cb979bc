import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstOfMonth } from '../../src/indicators/indicator-range.js';
import { type FixtureReport, insertFixtureReports } from '../support/report-fixture.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

// Three and two months back, so the public page's last twelve months hold them whenever this runs.
const TODAY = new Date().toISOString().slice(0, 10);
const at = (monthsBack: number, day: number) =>
  `${firstOfMonth(TODAY, -monthsBack).slice(0, 8)}${String(day).padStart(2, '0')}T03:00:00Z`;
const FROM = firstOfMonth(TODAY, -6);
const RANGE = `from=${FROM}&to=${TODAY}`;

/** Kalimantan Timur: 7 licensing reports three months back, 6 validated, 5 of those followed up; Aceh: 2. */
function fixture(): Record<string, FixtureReport> {
  const rows: Record<string, FixtureReport> = {};
  for (let i = 0; i < 7; i++)
    rows[`KT${i}`] = {
      citizen: `kt${i}`,
      receivedAt: at(3, 10 + i),
      category: 'licensing',
      province: '64',
      regency: '64.02',
      status: i === 0 ? 'new' : i === 1 ? 'validated' : 'in_follow_up',
      ...(i === 0 ? {} : { triagedAfter: 5 }),
      ...(i > 1 ? { followedUpAfter: 50 } : {}),
      text: `RAHASIA-KT${i} izin tambang di desa Loa Kulu 081234567890`,
    };
  rows.KTR = {
    citizen: 'ktr',
    receivedAt: at(2, 3),
    category: 'revenue',
    province: '64',
    status: 'validated',
    triagedAfter: 3,
  };
  rows.AC1 = {
    citizen: 'ac1',
    receivedAt: at(3, 12),
    category: 'licensing',
    province: '11',
    status: 'in_follow_up',
    triagedAfter: 2,
    followedUpAfter: 30,
  };
  rows.AC2 = {
    citizen: 'ac2',
    receivedAt: at(3, 13),
    category: 'revenue',
    province: '11',
    status: 'validated',
    triagedAfter: 2,
  };
  return rows;
}

describe('indicators over HTTP: scope, downloads and the public page', () => {
  let stack: TestStack;
  let aceh: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    await insertFixtureReports(stack.database.db, fixture());
    await createStaff(stack, { email: 'aceh@example.org', role: 'secretariat', provinces: ['11'] });
    await createStaff(stack, { email: 'admin@example.org', role: 'admin', provinces: [] });
    const token = async (email: string) => {
      const created = await stack.workspace.userAdmin.createApiToken({ userId: null, label: 'test' }, email);
      if (!created.ok) throw new Error(created.error);
      return { authorization: `Bearer ${created.value}` };
    };
    aceh = await token('aceh@example.org');
    admin = await token('admin@example.org');
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    stack.app.inject({ method: 'GET', url, headers });

  it('gives an Aceh secretariat only Aceh, in the API, the download and the page', async () => {
    const api = await get(`/api/v1/indicators?${RANGE}`, aceh);
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.provinces.map((p: { provinceCode: string }) => p.provinceCode)).toEqual(['11']);
    // AC1 licensing validated and followed up; AC2 revenue validated, not followed up.
    expect(body.total.indicators.licensing).toEqual({ identified: 1, followedUp: 1, percent: 100 });
    expect(body.total.indicators.revenue).toEqual({ identified: 1, followedUp: 0, percent: 0 });

    const refused = await get(`/api/v1/indicators?${RANGE}&province=64`, aceh);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: 'forbidden',
      message: 'You can see the indicators of your provinces only (11).',
    });

    const csv = await get(`/api/v1/indicators/download?${RANGE}&format=csv`, aceh);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Aceh');
    expect(csv.body).not.toContain('Kalimantan');
    expect(csv.body).not.toContain(',64,');
    expect((await get(`/api/v1/indicators/download?${RANGE}&format=csv&province=64`, aceh)).statusCode).toBe(
      403,
    );

    const { cookie } = await signInOverHttp(stack, 'aceh@example.org');
    const page = await get(`/triage/indicators?${RANGE}`, { cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).not.toContain('Kalimantan');
    expect(page.body).not.toContain('RAHASIA');
  });

  it('lets an admin compare provinces and download CSV with a BOM and XLSX that reads back', async () => {
    const api = (await get(`/api/v1/indicators?${RANGE}`, admin)).json();
    expect(api.provinces.map((p: { provinceCode: string }) => p.provinceCode)).toEqual(['11', '64']);
    const kaltim = api.provinces[1];
    // KT1–KT6 validated (KT0 is new) = 6; KT2–KT6 followed up = 5 → 83.3 %.
    expect(kaltim.indicators.licensing).toEqual({ identified: 6, followedUp: 5, percent: 83.3 });

    const csv = await get(`/api/v1/indicators/download?${RANGE}&format=csv&province=64`, admin);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="suara-indicators-${FROM}-${TODAY}\\.csv"`),
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.split('\r\n');
    // Province 64, licensing: received 7, identified 6, followed up 5, 83.3 %, none closed resolved.
    expect(lines).toContain('64,Kalimantan Timur,Perizinan,7,6,5,83.3,0');
    expect(csv.body).toContain('Teridentifikasi: laporan yang diverifikasi sekretariat');

    const xlsx = await get(`/api/v1/indicators/download?${RANGE}&format=xlsx&province=64`, admin);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = (sheet?.getRow(7).values ?? []) as unknown[];
    expect(values.slice(1)).toEqual(['64', 'Kalimantan Timur', 'Perizinan', 7, 6, 5, 83.3, 0]);
    expect(workbook.worksheets.map((s) => s.name)).toContain('Definisi');
  });

  it('refuses bad periods with a clear message', async () => {
    const bad = await get('/api/v1/indicators?from=2026-02-30', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('from must be a date as YYYY-MM-DD.');
    const backwards = await get('/api/v1/indicators?from=2026-05-01&to=2026-04-01', admin);
    expect(backwards.json()).toEqual({ error: 'bad_request', message: 'from must not be after to.' });
    expect((await get('/api/v1/indicators?province=kaltim', admin)).statusCode).toBe(400);
  });

  it('keeps the public page off until an admin publishes a province, then shows suppressed aggregates only', async () => {
    const off = await get('/transparansi');
    expect(off.statusCode).toBe(404);
    expect(off.body).toContain('Belum ada provinsi');

    // A secretariat may not publish.
    const refused = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/transparency',
      headers: aceh,
      payload: { province: '11', enabled: true },
    });
    expect(refused.statusCode).toBe(403);
    const published = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/transparency',
      headers: admin,
      payload: { province: '64', enabled: true },
    });
    expect(published.json()).toEqual({ provinces: ['64'], changed: true });

    const page = await get('/transparansi');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=300');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('Kalimantan Timur');
    expect(page.body).not.toContain('Aceh');
    // Licensing: 7 received three months back, 6 identified, 5 followed up: shown; revenue's single report is not.
    expect(page.body).toContain('83,3 %');
    expect(page.body).toContain('&lt; 5');
    for (const secret of ['RAHASIA', 'KT1', '0812', 'Kutai', 'Loa Kulu'])
      expect(page.body).not.toContain(secret);

    const audit = await stack.workspace.audit.page({ limit: 10, action: 'transparency.publish' });
    expect(audit.items.map((item) => item.subjectId)).toEqual(['64']);
  });

  it('documents the indicator routes in the OpenAPI document', async () => {
    const paths = Object.keys((await get('/api/docs')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/indicators', '/api/v1/indicators/download', '/api/v1/transparency']),
    );
  });
});
