import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Staff } from '../../src/auth/staff.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { citizenReports, citizenSends } from '../support/citizen-report.js';
import { createStaffActor } from '../support/staff-accounts.js';
import { ACCOUNT_SID, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn, twilioError } from '../support/twilio-stand-in.js';

const TEMPLATE = 'HX0000000000000000000000000000aaaa';
const PLACE = 'di desa Loa Ipuh, Kukar';

describe('WhatsApp 24-hour window: templates outside it, held messages until the citizen writes', () => {
  let standIn: TwilioStandIn;
  let stack: TestStack;
  let staff: Staff;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({
      env: { TWILIO_API_BASE_URL: standIn.url, TWILIO_TEMPLATE_VALIDATED: TEMPLATE },
    });
    await stack.startConversationWorkers();
    staff = await createStaffActor(stack, {
      email: 'kaltim@example.org',
      name: 'Sekretariat Kaltim',
      role: 'secretariat',
      provinces: ['64'],
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
  });
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  /** A citizen writes over the signed Twilio WhatsApp webhook; waits until the message is handled. */
  async function whatsappSends(from: string, body: string): Promise<void> {
    await citizenSends(stack, `whatsapp:${from}`, body);
  }

  /** Reports on WhatsApp: the complaint, "1" for the category, LEWATI for the photo it asks for. */
  async function whatsappReports(from: string, complaint: string): Promise<string> {
    await whatsappSends(from, complaint);
    await whatsappSends(from, '1');
    await whatsappSends(from, 'LEWATI');
    const [report] = await stack.database.db
      .select({ code: reports.referenceCode, channel: contacts.channel })
      .from(reports)
      .innerJoin(contacts, eq(reports.contactId, contacts.id))
      .where(sql`${reports.texts}->>0 = ${complaint}`);
    if (!report) throw new Error(`no report made from: ${complaint}`);
    expect(report.channel).toBe('whatsapp');
    return report.code;
  }

  const contactOf = async (address: string) => {
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash(address)));
    if (!contact) throw new Error('no such contact');
    return contact;
  };

  /** The conversation's own replies have reached the provider, so later requests are the staff's. */
  async function repliesSettled(address: string): Promise<void> {
    const contact = await contactOf(address);
    await waitFor(async () => {
      const pending = await stack.database.db
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.contactId, contact.id),
            eq(messages.direction, 'outbound'),
            sql`${messages.providerMessageId} is null`,
            sql`${messages.status} in ('queued', 'sending')`,
          ),
        );
      return pending.length === 0;
    });
    standIn.requests.length = 0;
  }

  async function closeWindow(address: string): Promise<void> {
    const contact = await contactOf(address);
    await stack.database.db
      .update(contacts)
      .set({ lastInboundAt: sql`now() - interval '25 hours'` })
      .where(eq(contacts.id, contact.id));
  }

  const messageRow = async (id: string) => {
    const [row] = await stack.database.db.select().from(messages).where(eq(messages.id, id));
    if (!row) throw new Error('no such message');
    return row;
  };

  const sendsWithBody = (body: string) => standIn.requests.filter((r) => r.form.get('Body') === body);

  const WA_CITIZEN = '+6281355500001';
  let waCode: string;

  it('validating outside the window sends the configured Content template, not free-form text', async () => {
    waCode = await whatsappReports(WA_CITIZEN, `sungai keruh dan tercemar limbah tambang batubara ${PLACE}`);
    await repliesSettled(WA_CITIZEN);
    await closeWindow(WA_CITIZEN);

    const validated = await stack.workspace.triage.changeStatus(
      staff,
      waCode,
      { status: 'validated', publicNote: 'Dibahas di forum bulan ini.' },
      null,
    );
    expect(validated.ok).toBe(true);

    const [request] = await waitFor(async () => {
      const found = standIn.requests.filter((r) => r.form.has('ContentSid'));
      return found.length ? found : null;
    });
    expect(standIn.requests).toHaveLength(1);
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.form.get('ContentSid')).toBe(TEMPLATE);
    expect(request?.form.has('Body')).toBe(false);
    expect(request?.form.get('To')).toBe(`whatsapp:${WA_CITIZEN}`);
    expect(JSON.parse(request?.form.get('ContentVariables') ?? '{}')).toEqual({
      '1': waCode,
      '2': 'Dibahas di forum bulan ini.',
    });

    const contact = await contactOf(WA_CITIZEN);
    const [row] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.contactId, contact.id), sql`${messages.template} is not null`));
      return rows.length && rows[0]?.providerMessageId ? rows : null;
    });
    expect(row?.template).toEqual({
      contentSid: TEMPLATE,
      variables: { '1': waCode, '2': 'Dibahas di forum bulan ini.' },
    });
    expect(row?.status).not.toBe('held');
  });

  it('holds a masked reply with no template, and sends it once the citizen writes again', async () => {
    const sent = await stack.workspace.triage.sendMessage(
      staff,
      waCode,
      'Di titik mana tepatnya sungai itu keruh?',
      null,
    );
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.value.delivery).toBe('held');
    const held = await messageRow(sent.value.messageId);
    expect(held.status).toBe('held');
    expect(held.template).toBeNull();
    expect(held.body).toContain('Di titik mana tepatnya sungai itu keruh?');

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(standIn.requests).toHaveLength(0);
    expect((await messageRow(held.id)).status).toBe('held');

    await whatsappSends(WA_CITIZEN, 'di dekat jembatan desa pak');
    await waitFor(async () => sendsWithBody(held.body).length === 1);
    expect(sendsWithBody(held.body)[0]?.form.has('ContentSid')).toBe(false);
    const released = await waitFor(async () => {
      const row = await messageRow(held.id);
      return row.providerMessageId ? row : null;
    });
    expect(released.status).not.toBe('held');
    expect(released.providerMessageId).toMatch(/^SM/);
  });

  it('never holds an SMS contact, however long ago they wrote', async () => {
    const smsCitizen = '+6281355500002';
    const code = await citizenReports(
      stack,
      smsCitizen,
      `air sumur warga tercemar limbah tambang batubara ${PLACE}`,
    );
    await repliesSettled(smsCitizen);
    await closeWindow(smsCitizen);

    const validated = await stack.workspace.triage.changeStatus(staff, code, { status: 'validated' }, null);
    expect(validated.ok).toBe(true);
    const sent = await stack.workspace.triage.sendMessage(staff, code, 'Kapan air mulai keruh?', null);
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.value.delivery).toBe('queued');

    const body = (await messageRow(sent.value.messageId)).body;
    await waitFor(async () => standIn.requests.length === 2 && sendsWithBody(body).length === 1);
    expect(standIn.requests.every((r) => r.form.get('To') === smsCitizen)).toBe(true);
    expect(standIn.requests.some((r) => r.form.has('ContentSid'))).toBe(false);
    const contact = await contactOf(smsCitizen);
    const heldRows = await stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.contactId, contact.id), eq(messages.status, 'held')));
    expect(heldRows).toHaveLength(0);
  });

  it('holds a free-form WhatsApp message that Twilio refuses with 63016 instead of failing it', async () => {
    const citizen = '+6281355500003';
    const code = await whatsappReports(citizen, `lubang tambang batubara tidak ditutup ${PLACE}`);
    await repliesSettled(citizen);

    // The window looks open to Suara (the citizen just wrote), but Twilio refuses the free-form text.
    standIn.script(
      twilioError(400, 63016, 'Failed to send freeform message because you are outside the allowed window.'),
    );
    const sent = await stack.workspace.triage.sendMessage(
      staff,
      code,
      'Sejak kapan lubang itu dibiarkan?',
      null,
    );
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.value.delivery).toBe('queued');

    const held = await waitFor(async () => {
      const row = await messageRow(sent.value.messageId);
      return row.status === 'held' ? row : null;
    });
    expect(held.errorCode).toBe('63016');
    expect(held.providerMessageId).toBeNull();
    expect(held.attempts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(standIn.requests).toHaveLength(1);
    expect((await messageRow(held.id)).status).toBe('held');

    // The citizen writes again: the held message goes out once, under a job id of its own.
    await whatsappSends(citizen, 'sudah dua tahun');
    const resent = await waitFor(async () => {
      const row = await messageRow(held.id);
      return row.providerMessageId ? row : null;
    });
    expect(resent.status).not.toBe('held');
    const sendsOfIt = standIn.requests.filter((r) =>
      (r.form.get('Body') ?? '').includes('Sejak kapan lubang itu'),
    );
    expect(sendsOfIt).toHaveLength(2);
  });
});
