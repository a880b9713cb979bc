import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../src/auth/staff.js';
import type { TemplateIds } from '../../src/channels/whatsapp-template.js';
import { auditLog } from '../../src/db/schema/audit-log.js';
import { campaignRecipients } from '../../src/db/schema/campaigns.js';
import { contactConsents } from '../../src/db/schema/contact-consents.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { reports } from '../../src/db/schema/reports.js';
import type { RunningWorkers } from '../../src/pipeline/start-workers.js';
import { createSessionStore } from '../../src/sessions/session-store.js';
import { sendDueInvitations } from '../../src/surveys/campaign-sender.js';
import { createCampaignService } from '../../src/surveys/campaign-service.js';
import { insertFixtureReports } from '../support/report-fixture.js';
import { createStaff } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

// 10:00 WITA on a Monday: inside the default 08-20 hours of Kalimantan Timur (64).
const INVITATION_TEMPLATE = 'HX00000000000000000000000000000inv';
const MORNING = new Date('2026-03-02T02:00:00Z');
// 21:30 WITA the same day: outside them.
const NIGHT = new Date('2026-03-02T13:30:00Z');
const PRICE = 350;

/**
 * Campaigns end to end: audience from consent and reports in Postgres, invitations stored and queued
 * through the real outbound producer and worker, sent with the twilio SDK to a local stand-in.
 */
describe('survey campaigns', () => {
  let stack: TestStack;
  let standIn: TwilioStandIn;
  let workers: RunningWorkers;
  let staff: Staff;
  let now = MORNING;
  const numbers = new Map<string, string>();

  const service = () =>
    createCampaignService({
      db: stack.database.db,
      flows: stack.domain.flows.current,
      priceList: { prices: { twilio: PRICE }, currency: 'IDR' },
      hours: { start: 8, end: 20 },
      monthlyCap: 2,
      clock: () => now,
    });
  const send = (batchSize = 100, invitationTemplate: TemplateIds = { twilio: INVITATION_TEMPLATE }) =>
    sendDueInvitations({
      db: stack.database.db,
      sessions: createSessionStore({
        redis: stack.services.redis,
        cipher: stack.services.cipher,
        prefix: stack.config.QUEUE_PREFIX,
        ttlMs: 60_000,
      }),
      flows: stack.domain.flows.current,
      idleTimeoutMs: 24 * 3600_000,
      monthlyCap: 2,
      invitationTemplate,
      outbound: stack.services.outbound,
      hours: { start: 8, end: 20 },
      batchSize,
      clock: () => now,
      logger: stack.services.logger,
    });
  const sentTo = () => standIn.requests.map((r) => r.form.get('To'));

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({ env: { TWILIO_API_BASE_URL: standIn.url } });
    workers = await stack.startWorkers();
    const user = await createStaff(stack, {
      email: 'sek@example.org',
      role: 'secretariat',
      provinces: ['64'],
    });
    staff = {
      userId: user.id,
      email: user.email,
      name: 'Sek',
      role: 'secretariat',
      provinces: ['64'],
      language: 'id',
      via: 'token',
      sessionId: null,
      csrfToken: null,
    };
    // Eight citizens of Kukar (64.02) and one of Samarinda (64.72); consent as each case needs. Two
    // WhatsApp citizens of Sulawesi Tenggara (74): one wrote an hour ago, one long ago.
    const whatsapp = ['wa_recent', 'wa_old'];
    const rows = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'no_consent', 'opted_out', 'samarinda', ...whatsapp].map((who, i) => [
        `R${i}`,
        {
          citizen: who,
          receivedAt: '2026-02-10T03:00:00Z',
          category: 'environmental' as const,
          province: whatsapp.includes(who) ? '74' : '64',
          regency: who === 'samarinda' ? '64.72' : whatsapp.includes(who) ? '74.02' : '64.02',
          channel: whatsapp.includes(who) ? ('whatsapp' as const) : ('sms' as const),
        },
      ]),
    );
    await insertFixtureReports(stack.database.db, rows);
    const db = stack.database.db;
    for (const [code, row] of Object.entries(rows)) {
      const [report] = await db
        .select({ contactId: reports.contactId })
        .from(reports)
        .where(eq(reports.referenceCode, code));
      if (!report) throw new Error('fixture report missing');
      const number = `+6281200000${code.slice(1).padStart(3, '0')}`;
      numbers.set(row.citizen, number);
      await db
        .update(contacts)
        .set({
          addressEnc: stack.services.cipher.encrypt(number),
          addressHash: stack.services.cipher.hash(number),
          optedOut: row.citizen === 'opted_out',
          lastInboundAt: row.citizen === 'wa_recent' ? new Date(MORNING.getTime() - 3_600_000) : null,
        })
        .where(eq(contacts.id, report.contactId));
      if (row.citizen !== 'no_consent')
        await db.insert(contactConsents).values({
          contactId: report.contactId,
          givenAt: new Date('2026-02-10T03:05:00Z'),
          wording: 'terms',
          source: 'keyword',
        });
    }
  }, 120_000);

  afterAll(async () => {
    await workers?.close();
    await stack?.close();
    await standIn?.close();
  });

  it('previews consenting contacts only, with SMS and cost', async () => {
    const preview = await service().preview(staff, {
      name: 'DLH Kukar',
      surveyId: 'nilai_dlh',
      provinceCode: '64',
      audience: { regencies: ['64.02'], category: null, from: null, to: null },
    });
    if (!preview.ok) throw new Error(preview.message);
    // a-f: six; never the contact without consent, nor the opted-out one, nor Samarinda.
    expect(preview.value.recipients).toBe(6);
    expect(preview.value.sms).toBe(6);
    expect(preview.value.cost).toBe(6 * PRICE);
  });

  it('sends exactly the estimated SMS, to consenting contacts only, and audits create and send', async () => {
    standIn.requests.length = 0;
    const created = await service().create(staff, {
      name: 'DLH Kukar',
      surveyId: 'nilai_dlh',
      provinceCode: '64',
      audience: { regencies: ['64.02'], category: 'environmental', from: '2026-02-01', to: '2026-02-28' },
    });
    if (!created.ok) throw new Error(created.message);
    const estimate = created.value.campaign.estimate;
    expect(estimate.recipients).toBe(6);
    expect(await send()).toBe(6);
    await waitFor(async () => (standIn.requests.length >= estimate.sms ? true : null));
    // Give a stray extra send the time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(standIn.requests).toHaveLength(estimate.sms);
    expect(sentTo()).not.toContain(numbers.get('no_consent'));
    expect(sentTo()).not.toContain(numbers.get('opted_out'));
    expect(standIn.requests[0]?.form.get('Body')).toContain('beri nilai DLH');
    // A second pass sends nothing more: at most once per contact per campaign.
    expect(await send()).toBe(0);
    const view = await service().get(staff, created.value.campaign.id);
    expect(view.ok && view.value.campaign.status).toBe('done');
    const actions = await stack.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, created.value.campaign.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['campaign.create', 'campaign.send']);
  });

  it('keeps the monthly cap across campaigns and waits for the allowed hours', async () => {
    standIn.requests.length = 0;
    now = NIGHT;
    const created = await service().create(staff, {
      name: 'DLH again',
      surveyId: 'nilai_dlh',
      provinceCode: '64',
      audience: { regencies: [], category: null, from: null, to: null },
    });
    if (!created.ok) throw new Error(created.message);
    // Scheduled for 08:00 WITA the next morning.
    expect(created.value.campaign.startAt.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(await send()).toBe(0);
    now = new Date('2026-03-02T23:59:00Z');
    expect(await send()).toBe(0);
    now = new Date('2026-03-03T00:00:00Z');
    // Six still have yesterday's survey open (a day has not passed): they wait, Samarinda goes.
    expect(await send()).toBe(1);
    now = new Date('2026-03-03T03:00:00Z');
    expect(await send()).toBe(6);
    await waitFor(async () => (standIn.requests.length >= 7 ? true : null));
    // A third campaign in March: everyone has had their two invitations.
    const third = await service().preview(staff, {
      name: 'third',
      surveyId: 'nilai_dlh',
      provinceCode: '64',
      audience: { regencies: [], category: null, from: null, to: null },
    });
    expect(third.ok && third.value.recipients).toBe(1);
  });

  it('invites WhatsApp contacts outside the 24-hour window with the approved template, or skips them', async () => {
    now = MORNING;
    const audience = { regencies: [], category: null, from: null, to: null };
    const sultra: Staff = { ...staff, provinces: ['74'] };
    const withTemplate = await service().create(sultra, {
      name: 'DLH Sultra',
      surveyId: 'nilai_dlh',
      provinceCode: '74',
      audience,
    });
    if (!withTemplate.ok) throw new Error(withTemplate.message);
    standIn.requests.length = 0;
    expect(await send()).toBe(2);
    await waitFor(async () => (standIn.requests.length >= 2 ? true : null));
    const to = (who: string) =>
      standIn.requests.find((r) => r.form.get('To') === `whatsapp:${numbers.get(who)}`);
    // Within the window: the invitation itself. Outside it: the template, the question as {{2}}.
    expect(to('wa_recent')?.form.get('Body')).toContain('beri nilai DLH');
    expect(to('wa_recent')?.form.has('ContentSid')).toBe(false);
    expect(to('wa_old')?.form.get('ContentSid')).toBe(INVITATION_TEMPLATE);
    expect(to('wa_old')?.form.has('Body')).toBe(false);
    const variables = JSON.parse(to('wa_old')?.form.get('ContentVariables') ?? '{}');
    expect(variables['1']).toBe('Kinerja DLH menangani masalah tambang');
    expect(variables['2']).toContain('beri nilai DLH');

    // With no template configured, the contact outside the window is skipped, never sent free text.
    now = new Date(MORNING.getTime() + 40 * 24 * 3_600_000);
    const without = await service().create(sultra, {
      name: 'DLH Sultra lagi',
      surveyId: 'nilai_dlh',
      provinceCode: '74',
      audience,
    });
    if (!without.ok) throw new Error(without.message);
    standIn.requests.length = 0;
    expect(await send(100, {})).toBe(0);
    const [skipped] = await stack.database.db
      .select({ status: campaignRecipients.status, reason: campaignRecipients.reason })
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, without.value.campaign.id));
    expect(skipped).toEqual({ status: 'skipped', reason: 'whatsapp_window' });
    now = MORNING;
  });

  it('cancel stops what is not sent', async () => {
    standIn.requests.length = 0;
    now = new Date('2026-04-01T02:00:00Z');
    const created = await service().create(staff, {
      name: 'April',
      surveyId: 'nilai_dlh',
      provinceCode: '64',
      audience: { regencies: [], category: null, from: null, to: null },
    });
    if (!created.ok) throw new Error(created.message);
    // Clear the sessions the earlier invitations left waiting, as a day of silence would.
    now = new Date('2026-04-03T02:00:00Z');
    expect(await send(3)).toBe(3);
    const cancelled = await service().change(staff, created.value.campaign.id, 'cancel');
    if (!cancelled.ok) throw new Error(cancelled.message);
    expect(await send()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(standIn.requests.length).toBeLessThanOrEqual(3);
    const statuses = await stack.database.db
      .select({ status: campaignRecipients.status, n: sql<number>`count(*)::int` })
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, created.value.campaign.id))
      .groupBy(campaignRecipients.status);
    const cancelledCount = statuses.find((s) => s.status === 'cancelled')?.n ?? 0;
    expect(cancelledCount).toBeGreaterThanOrEqual(4);
    expect(standIn.requests.length + cancelledCount).toBe(7);
  });
});
