import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { exportStaffLabels } from '../../src/classifier/export-staff-labels.js';
import { citizenReports } from '../support/citizen-report.js';
import { createStaff } from '../support/staff-accounts.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('the report workflow through the API', () => {
  let stack: TestStack;
  let bearer: Record<string, string>;
  let colleague: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.startConversationWorkers();
    const me = await createStaff(stack, {
      email: 'kaltim@example.org',
      role: 'secretariat',
      provinces: ['64'],
    });
    colleague = (
      await createStaff(stack, { email: 'rekan@example.org', role: 'secretariat', provinces: ['64'] })
    ).id;
    await createStaff(stack, { email: 'aceh@example.org', role: 'secretariat', provinces: ['11'] });
    const token = await stack.workspace.userAdmin.createApiToken({ userId: null, label: 'test' }, me.email);
    if (!token.ok) throw new Error(token.error);
    bearer = { authorization: `Bearer ${token.value}` };
    first = await citizenReports(
      stack,
      '+6281288800001',
      'air sungai keruh karena tambang batubara di Kukar',
    );
    second = await citizenReports(
      stack,
      '+6281288800002',
      'sungai jadi keruh gara gara tambang batubara di Kutai Kartanegara',
    );
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const post = (code: string, path: string, payload: Record<string, unknown>) =>
    stack.app.inject({ method: 'POST', url: `/api/v1/reports/${code}/${path}`, headers: bearer, payload });
  const detail = async (code: string) =>
    (await stack.app.inject({ method: 'GET', url: `/api/v1/reports/${code}`, headers: bearer })).json();

  it('rejects with a reason, reopens, validates, follows up, closes and reopens into follow-up', async () => {
    expect((await post(first, 'status', { status: 'rejected' })).json().message).toMatch(/needs a reason/);
    expect((await post(first, 'status', { status: 'rejected', reason: 'spam' })).statusCode).toBe(200);
    expect((await detail(first)).rejectionReason).toBe('spam');
    expect((await post(first, 'status', { status: 'new' })).statusCode).toBe(200);
    expect(
      (await post(first, 'follow-ups', { kind: 'letter', date: '2026-11-20', description: 'x' })).json()
        .message,
    ).toMatch(/Validate the report before/);
    expect(
      (await post(first, 'status', { status: 'validated', publicNote: 'Dibahas di forum.' })).statusCode,
    ).toBe(200);
    const followUp = await post(first, 'follow-ups', {
      kind: 'field_visit',
      date: '2026-11-21',
      agency: 'DLH Kukar',
      description: 'Tim turun ke lokasi.',
    });
    expect(followUp.json()).toMatchObject({ ok: true, status: 'in_follow_up' });
    expect((await post(first, 'status', { status: 'closed' })).json().message).toMatch(/needs an outcome/);
    expect((await post(first, 'status', { status: 'closed', outcome: 'resolved' })).statusCode).toBe(200);
    expect((await post(first, 'status', { status: 'validated' })).json().message).toMatch(
      /reopen it to in_follow_up/,
    );
    expect((await post(first, 'status', { status: 'in_follow_up' })).statusCode).toBe(200);

    const report = await detail(first);
    expect(report.status).toBe('in_follow_up');
    expect(report.publicNote).toBe('Dibahas di forum.');
    expect(report.followUps).toHaveLength(1);
    expect(report.dueKind).toBe('closure');
    expect(
      report.history.map((event: { type: string; data: { to?: string } }) => event.data.to ?? event.type),
    ).toEqual(['rejected', 'new', 'validated', 'follow_up', 'closed', 'in_follow_up']);
  });

  it('groups duplicates under their original and shows the group in the inbox', async () => {
    expect((await post(second, 'duplicate-of', { originalCode: second })).statusCode).toBe(400);
    expect((await post(second, 'duplicate-of', { originalCode: first })).json()).toMatchObject({
      duplicateOf: first,
    });
    // The group stays flat: pointing the original at its own duplicate resolves to itself.
    expect((await post(first, 'duplicate-of', { originalCode: second })).json().message).toMatch(
      /cannot duplicate itself/,
    );
    const inbox = (await stack.app.inject({ method: 'GET', url: '/api/v1/reports', headers: bearer })).json();
    const byCode = new Map(inbox.items.map((item: { referenceCode: string }) => [item.referenceCode, item]));
    expect(byCode.get(first)).toMatchObject({ duplicates: 1 });
    expect(byCode.get(second)).toMatchObject({ duplicateOfCode: first });
    expect((await detail(first)).duplicates).toEqual([second]);
  });

  it('assigns only to active staff of the province and filters "assigned to me"', async () => {
    const staff = (
      await stack.app.inject({ method: 'GET', url: '/api/v1/staff?province=64', headers: bearer })
    ).json();
    expect(staff.items.map((u: { id: string }) => u.id)).toContain(colleague);
    const acehUser = staff.items.find((u: { name: string }) => u.name === 'aceh');
    expect(acehUser).toBeUndefined();
    expect((await post(second, 'assignee', { assigneeId: colleague })).statusCode).toBe(200);
    expect((await detail(second)).assignee).toBe('rekan');
    const mine = (
      await stack.app.inject({ method: 'GET', url: '/api/v1/reports?assignedToMe=true', headers: bearer })
    ).json();
    expect(mine.items).toEqual([]);
  });

  it("corrects the place from the gazetteer, within the caller's provinces", async () => {
    const places = (
      await stack.app.inject({ method: 'GET', url: '/api/v1/places?q=tenggarong', headers: bearer })
    ).json();
    const district = places.items.find((p: { level: string }) => p.level === 'district');
    expect(district.label).toMatch(/Tenggarong, Kutai Kartanegara, Kalimantan Timur/);
    expect((await post(second, 'place', { placeCode: district.code })).statusCode).toBe(200);
    const report = await detail(second);
    expect(report.place).toMatchObject({
      district: 'Tenggarong',
      districtCode: district.code,
      provinceCode: '64',
    });
    expect((await post(second, 'place', { placeCode: '11.05' })).json().message).toMatch(
      /only in your own provinces/,
    );
  });

  it('makes a staff re-categorisation a labelled example, keeping the classifier guess', async () => {
    expect((await post(second, 'category', { category: 'licensing' })).statusCode).toBe(200);
    const report = await detail(second);
    expect(report).toMatchObject({ category: 'licensing', categorySource: 'staff' });
    expect(report.classifier.category).toBe('environmental');
    const labels = await exportStaffLabels(stack.database.db);
    expect(labels).toEqual([expect.objectContaining({ label: 'licensing', note: `staff:${second}` })]);
  });

  it('finds reports by words and by code, and keeps the audit chain intact', async () => {
    const search = async (q: string) =>
      (
        await stack.app.inject({
          method: 'GET',
          url: `/api/v1/reports?q=${encodeURIComponent(q)}`,
          headers: bearer,
        })
      )
        .json()
        .items.map((item: { referenceCode: string }) => item.referenceCode)
        .sort();
    expect(await search('keruh')).toEqual([first, second].sort());
    expect(await search('gara kutai')).toEqual([second]);
    expect(await search(first.toLowerCase())).toEqual([first]);
    expect(await search('nikel')).toEqual([]);
    const chain = await verifyAuditChain(stack.database.db);
    expect(chain).toMatchObject({ ok: true });
    expect(chain.rows).toBeGreaterThan(15);
  });
});
