import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { reports } from '../../src/db/schema/reports.js';
import { surveyResponses } from '../../src/db/schema/survey-responses.js';
import { type AdminFixture, FORM_HEADERS, startAdminFixture } from '../support/admin-fixture.js';
import { citizenReports, citizenSends } from '../support/citizen-report.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const COMMENT = `${HOSTILE} sungai di Loa Kulu keruh lagi sejak minggu lalu`;
const CITIZENS = ['+6281300000001', '+6281300000002', '+6281300000003'];
const COMPLAINT = 'air sungai keruh sejak tambang batubara buka di Tenggarong, Kukar';

/**
 * The campaign and results pages over HTTP, as a browser posts them: plain forms with the session's
 * CSRF token, the preview's figures against the API's, province scope and roles, the XLSX download
 * read back, and a comment turned into a report.
 */
describe('survey workspace pages', () => {
  let fixture: AdminFixture;
  let kaltim: { cookie: string; csrf: string };
  let aceh: { cookie: string; csrf: string };
  let viewer: { cookie: string; csrf: string };

  const post = (
    session: { cookie: string; csrf: string },
    url: string,
    fields: Record<string, string | string[]>,
  ) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ _csrf: session.csrf, ...fields }))
      for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
    return fixture.stack.app.inject({
      method: 'POST',
      url,
      headers: { ...FORM_HEADERS, cookie: session.cookie },
      payload: body.toString(),
    });
  };
  const get = (session: { cookie: string }, url: string) =>
    fixture.stack.app.inject({
      method: 'GET',
      url,
      headers: { cookie: session.cookie, accept: 'text/html' },
    });
  const form = {
    name: 'Rapor DLH Kukar',
    surveyId: 'nilai_dlh',
    provinceCode: '64',
    regencies: ['64.02'],
    category: '',
    from: '',
    to: '',
    startAt: '',
  };

  beforeAll(async () => {
    fixture = await startAdminFixture();
    const { stack } = fixture;
    await createStaff(stack, { email: 'aceh@example.org', role: 'secretariat', provinces: ['11'] });
    await createStaff(stack, { email: 'forum@example.org', role: 'viewer', provinces: ['64'] });
    kaltim = await signInOverHttp(stack, 'kaltim@example.org');
    aceh = await signInOverHttp(stack, 'aceh@example.org');
    viewer = await signInOverHttp(stack, 'forum@example.org');
    // Three citizens of Kukar report and agree to surveys; the first also answers one by keyword.
    for (const from of CITIZENS) {
      await citizenReports(stack, from, `${COMPLAINT} ${from.slice(-1)}`);
      await citizenSends(stack, from, 'IKUT');
    }
    const first = CITIZENS[0] ?? '';
    for (const text of ['NILAI DLH 4', 'YA', '1', COMMENT]) await citizenSends(stack, first, text);
  }, 180_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it('lists campaigns for every role, with the nav link; the form only for those who may send', async () => {
    const page = await get(kaltim, '/triage/campaigns');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/triage/campaigns"');
    expect(page.body).toContain('data-action="preview-campaign"');
    expect(page.body).toContain('value="64.02"');
    const read = await get(viewer, '/triage/campaigns');
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('data-action="preview-campaign"');
  });

  it('previews recipients, SMS and cost before sending, the same figures as the API', async () => {
    const preview = await post(kaltim, '/triage/campaigns/preview', form);
    expect(preview.statusCode).toBe(200);
    const figure = (name: string) => new RegExp(`data-figure="${name}">([^<]+)<`).exec(preview.body)?.[1];
    const api = await fixture.stack.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns/preview',
      headers: { cookie: kaltim.cookie, 'x-csrf-token': kaltim.csrf },
      payload: {
        name: form.name,
        surveyId: 'nilai_dlh',
        provinceCode: '64',
        audience: { regencies: ['64.02'] },
      },
    });
    expect(api.statusCode).toBe(200);
    const expected = api.json<{ recipients: number; sms: number; cost: number; currency: string }>();
    expect(expected.recipients).toBe(3);
    expect(expected.sms).toBe(3);
    expect(figure('recipients')).toBe('3');
    expect(figure('sms')).toBe(String(expected.sms));
    expect(figure('cost')).toBe(`${expected.currency} ${expected.cost.toLocaleString('id-ID')}`);
    // Nothing is stored by a preview.
    expect((await fixture.stack.workspace.campaigns.list({ ...staffLike(), role: 'admin' })).length).toBe(0);
    expect(preview.body).toContain('data-action="create-campaign"');
  });

  it('refuses another province (403), a viewer (403) and a form without its CSRF token', async () => {
    expect((await post(aceh, '/triage/campaigns/preview', form)).statusCode).toBe(403);
    expect((await post(aceh, '/triage/campaigns', form)).statusCode).toBe(403);
    expect((await post(viewer, '/triage/campaigns', form)).statusCode).toBe(403);
    expect((await post({ ...kaltim, csrf: 'wrong' }, '/triage/campaigns', form)).statusCode).toBe(403);
    const api = await fixture.stack.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: { cookie: aceh.cookie, 'x-csrf-token': aceh.csrf },
      payload: { name: 'x', surveyId: 'nilai_dlh', provinceCode: '64', audience: {} },
    });
    expect(api.statusCode).toBe(403);
    const stored = await fixture.stack.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'campaign.create'));
    expect(stored).toHaveLength(0);
  });

  it('creates through the form, shows progress, and pauses, resumes and cancels by buttons', async () => {
    const created = await post(kaltim, '/triage/campaigns', form);
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/triage\/campaigns\/[0-9a-f-]{36}$/);
    const detail = await get(kaltim, location);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('data-figure="progress">0 / 3<');
    expect(detail.body).toContain('data-action="pause"');
    const readOnly = await get(viewer, location);
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).not.toContain('data-action="pause"');
    expect((await get(aceh, location)).statusCode).toBe(404);

    expect((await post(kaltim, `${location}/pause`, {})).statusCode).toBe(303);
    expect((await get(kaltim, location)).body).toMatch(/data-testid="campaign-status">(dijeda|paused)</);
    expect((await post(kaltim, `${location}/pause`, {})).statusCode).toBe(409);
    expect((await post(kaltim, `${location}/resume`, {})).statusCode).toBe(303);
    expect((await post(kaltim, `${location}/cancel`, {})).statusCode).toBe(303);
    const after = await get(kaltim, location);
    expect(after.body).toContain('data-count="cancelled">3<');
    const actions = await fixture.stack.database.pool.query<{ action: string }>(
      "select action from audit_log where action like 'campaign.%' order by id",
    );
    expect(actions.rows.map((r) => r.action)).toEqual([
      'campaign.create',
      'campaign.pause',
      'campaign.send',
      'campaign.cancel',
    ]);
    const list = await get(kaltim, '/triage/campaigns');
    expect(list.body).toContain('Rapor DLH Kukar');
  });

  it('shows the results with charts and their numbers, the interval, and the comment escaped', async () => {
    const page = await get(kaltim, '/triage/surveys/nilai_dlh/results');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-figure="responses">1<');
    expect(page.body).toContain('data-figure="completion">100');
    expect(page.body).toContain('data-figure="mean">4<');
    expect((page.body.match(/<svg class="chart bars/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(page.body).toContain('Air sungai/sumur');
    expect(page.body).not.toContain(HOSTILE);
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt; sungai di Loa Kulu');
    expect(page.body).toContain('href="/api/v1/surveys/nilai_dlh/results?format=xlsx"');
    // Viewers read results, comments too (staff), but cannot turn them into reports.
    const read = await get(viewer, '/triage/surveys/nilai_dlh/results');
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('data-action="comment-to-report"');
    // Another province sees none of Kalimantan Timur's responses.
    expect((await get(aceh, '/triage/surveys/nilai_dlh/results')).body).toContain(
      'data-figure="responses">0<',
    );
  });

  it('downloads the responses as XLSX with no contact identifier and no comment', async () => {
    const response = await fixture.stack.app.inject({
      method: 'GET',
      url: '/api/v1/surveys/nilai_dlh/results?format=xlsx',
      headers: { cookie: kaltim.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push(Array.isArray(row.values) ? row.values.slice(1) : []);
    });
    expect(rows[0]).toEqual([
      'survey',
      'campaign',
      'channel',
      'language',
      'province',
      'regency',
      'started_on',
      'completed',
      'rating',
      'responded',
      'priority',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      'nilai_dlh',
      undefined,
      'sms',
      'id',
      '64',
      '64.02',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'yes',
      4,
      'true',
      'water',
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Loa Kulu');
    expect(text).not.toContain('+62813');
  });

  it('turns a comment into a report in one action: same contact, the comment as its words, audited', async () => {
    const [response] = await fixture.stack.database.db.select().from(surveyResponses);
    if (!response) throw new Error('no response');
    const url = `/triage/surveys/nilai_dlh/comments/${response.id}/report`;
    expect((await post(viewer, url, { question: 'comment' })).statusCode).toBe(403);
    expect((await post(aceh, url, { question: 'comment' })).statusCode).toBe(404);
    expect((await post({ ...kaltim, csrf: 'x' }, url, { question: 'comment' })).statusCode).toBe(403);
    const made = await post(kaltim, url, { question: 'comment' });
    expect(made.statusCode).toBe(303);
    const code = String(made.headers.location).split('/').pop() ?? '';
    const [report] = await fixture.stack.database.db
      .select()
      .from(reports)
      .where(eq(reports.referenceCode, code));
    expect(report).toMatchObject({
      contactId: response.contactId,
      texts: [COMMENT],
      flowId: 'nilai_dlh',
      provinceCode: '64',
      regencyCode: '64.02',
      status: 'new',
    });
    expect(report?.category).toBe('environmental');
    const page = await get(kaltim, String(made.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(HOSTILE);
    // Twice: the same report, audited once.
    const again = await post(kaltim, url, { question: 'comment' });
    expect(again.headers.location).toBe(made.headers.location);
    const audits = await fixture.stack.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'survey.comment_to_report'));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ source: 'survey_comment', referenceCode: code });
    expect((await post(kaltim, url, { question: 'rating' })).statusCode).toBe(404);
  });

  it('publishes scorecard aggregates on /transparansi with small cells suppressed', async () => {
    const db = fixture.stack.database.db;
    const [first] = await db.select().from(surveyResponses);
    if (!first) throw new Error('no response');
    // Six more ratings from Kalimantan Timur (fixture runs of the same contact): 7 in all, 4 of them "4".
    const ratings = [4, 4, 5, 3, 2, 4];
    await db.insert(surveyResponses).values(
      ratings.map((rating, i) => ({
        surveyId: 'nilai_dlh',
        contactId: first.contactId,
        channel: 'sms',
        language: 'id',
        provinceCode: '64',
        regencyCode: '64.02',
        answers: { rating, comment: `komentar rahasia ${i}` },
        startedAt: new Date(Date.now() - (i + 1) * 3_600_000),
        completedAt: new Date(),
      })),
    );
    const before = await fixture.api('GET', '/transparansi', {});
    expect(before.body).not.toContain('scorecards-h');
    const published = await fixture.postForm('/api/v1/transparency', { province: '64', enabled: 'true' });
    expect(published.statusCode).toBeLessThan(400);
    const page = await fixture.api('GET', '/transparansi', {});
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('scorecards-h'));
    expect(section).toContain('Kinerja DLH menangani masalah tambang');
    const row = /<tbody><tr><th scope="row">[^<]+<\/th>(.*?)<\/tr>/.exec(section)?.[1] ?? '';
    const cells = [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    // Ratings 1..5: 0, 1, 1, 4, 1 are all under 5; the total 7 and the mean (4 + 4+4+5+3+2+4) / 7 show.
    expect(cells).toEqual(['&lt; 5', '&lt; 5', '&lt; 5', '&lt; 5', '&lt; 5', '7', '3,71']);
    expect(page.body).not.toContain('komentar rahasia');
    expect(page.body).not.toContain('Loa Kulu');
  });

  it('gives partners the same suppressed aggregates for their provinces, audited, never a response', async () => {
    const { partners } = fixture.stack.workspace;
    const actor = { userId: null, label: 'test' };
    const kaltim = await partners.create(actor, { name: 'Koalisi Kaltim', provinces: ['64'] });
    const aceh = await partners.create(actor, { name: 'Koalisi Aceh', provinces: ['11'] });
    if (!kaltim.ok || !aceh.ok) throw new Error('partners');
    const get = (key?: string) =>
      fixture.stack.app.inject({
        method: 'GET',
        url: '/api/v1/exports/surveys?from=2020-01-01',
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
    expect((await get()).statusCode).toBe(401);

    const response = await get(kaltim.value.key);
    expect(response.statusCode).toBe(200);
    const [survey, ...others] = response.json().surveys;
    expect(others).toEqual([]);
    expect(survey).toMatchObject({
      surveyId: 'nilai_dlh',
      provinceCodes: ['64'],
      values: ['1', '2', '3', '4', '5'],
    });
    // The same seven ratings as the public table: every cell under 5 hidden, the total and mean shown.
    expect(survey.table.cells).toEqual([[null, null, null, null, null]]);
    expect(survey.table.rowTotals).toEqual([7]);
    expect(survey.table.total).toBe(7);
    expect(survey.means[0]).toBeCloseTo(26 / 7, 3);
    expect(response.body).not.toContain('komentar');
    expect(response.body).not.toMatch(/contact/i);

    expect((await get(aceh.value.key)).json().surveys).toEqual([]);
    const audits = await fixture.stack.database.db
      .select({ actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.action, 'export.surveys'));
    expect(audits.map((a) => a.actor).sort()).toEqual(['partner:Koalisi Aceh', 'partner:Koalisi Kaltim']);
  });
});

function staffLike() {
  return {
    userId: '00000000-0000-4000-8000-000000000000',
    email: 'x@example.org',
    name: 'x',
    role: 'admin' as const,
    provinces: [],
    language: 'id' as const,
    via: 'token' as const,
    sessionId: null,
    csrfToken: null,
  };
}
