import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../src/auth/staff.js';
import { contacts } from '../../src/db/schema/contacts.js';
import { placeHints } from '../../src/db/schema/media.js';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import {
  type GraphStandIn,
  type GraphStandInRequest,
  sentText,
  startGraphStandIn,
} from '../support/graph-api-stand-in.js';
import { createStaffActor } from '../support/staff-accounts.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { cloudText, cloudWebhook, postCloudWebhook, wamid } from '../support/whatsapp-cloud-webhook.js';

const TOKEN = 'EAAG-test-access-token';
const SECRET = 'test-app-secret-0123456789';
const PHONE_ID = '106540352242922';
const TEMPLATE = 'laporan_divalidasi';

let seq = 0;
const waId = () => `62813888${String(++seq).padStart(5, '0')}`;
const now = () => String(Math.floor(Date.now() / 1000));

/** What a tap on a reply button or a list row sends, as Meta delivers it. */
function tap(from: string, kind: 'button_reply' | 'list_reply', choice: { id: string; title: string }) {
  return {
    from,
    id: wamid(),
    timestamp: now(),
    type: 'interactive',
    interactive: { type: kind, [kind]: choice },
  };
}

describe('WhatsApp Cloud API replies: buttons and lists for choices, templates outside the window', () => {
  let stack: TestStack;
  let graph: GraphStandIn;
  let staff: Staff;

  const post = async (payload: object) => {
    expect((await postCloudWebhook(stack, SECRET, payload)).statusCode).toBe(200);
  };
  const webhook = (messages: object[]) => cloudWebhook({ messages }, PHONE_ID);
  const says = (from: string, text: string) => post(webhook([cloudText(from, text)]));
  /** The next message Suara sends this citizen after `count` earlier ones. */
  const nthSent = (from: string, index: number) =>
    waitFor(async () => graph.requests.filter((r) => r.body.to === from)[index] ?? null);
  /** The citizen's contact, once their first message has been handled. */
  const contactOf = async (from: string) => {
    const [row] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.channel, 'whatsapp'),
            eq(contacts.addressHash, stack.services.cipher.hash(`+${from}`)),
          ),
        );
      return rows.length ? rows : null;
    });
    if (!row) throw new Error('no such contact');
    return row;
  };
  const reportOf = async (from: string) => {
    const contact = await contactOf(from);
    const [report] = await waitFor(async () => {
      const rows = await stack.database.db.select().from(reports).where(eq(reports.contactId, contact.id));
      return rows.length ? rows : null;
    });
    if (!report) throw new Error('no report');
    return report;
  };

  beforeAll(async () => {
    graph = await startGraphStandIn(TOKEN);
    stack = await startTestStack({
      env: {
        WHATSAPP_CLOUD_API_BASE_URL: graph.url,
        WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
        WHATSAPP_CLOUD_APP_SECRET: SECRET,
        WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-token',
        WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
        WHATSAPP_CLOUD_TEMPLATE_VALIDATED: TEMPLATE,
      },
    });
    await stack.startConversationWorkers();
    staff = await createStaffActor(stack, {
      email: 'kaltim-wa@example.org',
      name: 'Sekretariat Kaltim',
      role: 'secretariat',
      provinces: ['64'],
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await graph?.close();
  });

  it('offers the category menu as a list, and a tapped row answers like the typed number', async () => {
    const from = waId();
    await says(from, 'ada masalah tambang di kampung kami');
    const menu = await nthSent(from, 0);
    expect(menu.body.type).toBe('interactive');
    expect(menu.body.interactive?.type).toBe('list');
    // The numbered text stays as the body: nothing is lost where the list does not show.
    expect(sentText(menu)).toContain('1=Perizinan 2=Lingkungan 3=Pendapatan 4=Lainnya');
    const rows = menu.body.interactive?.action?.sections?.[0]?.rows ?? [];
    expect(rows).toEqual([
      { id: '1', title: 'Perizinan' },
      { id: '2', title: 'Lingkungan' },
      { id: '3', title: 'Pendapatan' },
      { id: '4', title: 'Lainnya' },
    ]);
    expect(menu.body.interactive?.action?.button?.length).toBeLessThanOrEqual(20);

    await post(webhook([tap(from, 'list_reply', { id: '4', title: 'Lainnya' })]));
    const next = await nthSent(from, 1);
    expect(sentText(next)).toContain('Laporan Anda: LAINNYA. Di mana lokasinya?');
    expect(next.body.type).toBe('text');
  });

  /** A WhatsApp report to its code: the complaint, then LEWATI for the photo it offers. */
  const reportsToCode = async (from: string) => {
    await says(from, 'sungai tercemar limbah tambang di Samarinda');
    expect(sentText(await nthSent(from, 0))).toContain('Ada foto');
    await says(from, 'lewati');
    return nthSent(from, 1);
  };

  it('offers the category correction as reply buttons; a tap changes the report', async () => {
    const from = waId();
    const coded = await reportsToCode(from);
    const report = await reportOf(from);
    expect(sentText(coded)).toContain(`Kode ${report.referenceCode}, LINGKUNGAN.`);
    expect(coded.body.interactive?.type).toBe('button');
    expect(coded.body.interactive?.action?.buttons).toEqual([
      { type: 'reply', reply: { id: '2', title: 'Perizinan' } },
      { type: 'reply', reply: { id: '3', title: 'Pendapatan' } },
      { type: 'reply', reply: { id: '4', title: 'Lainnya' } },
    ]);

    await post(webhook([tap(from, 'button_reply', { id: '3', title: 'Pendapatan' })]));
    await waitFor(async () =>
      graph.requests.some((r) => r.body.to === from && sentText(r)?.includes('kategori PENDAPATAN dicatat')),
    );
    const [changed] = await stack.database.db.select().from(reports).where(eq(reports.id, report.id));
    expect(changed?.category).toBe('revenue');
    expect(changed?.categorySource).toBe('citizen');
    // The citizen's message is stored as the digit an SMS citizen would have typed.
    const contact = await contactOf(from);
    const inbound = await stack.database.db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.contactId, contact.id), eq(messages.direction, 'inbound')));
    expect(inbound.map((m) => m.body)).toContain('3');
  });

  it('sends a notification outside the 24-hour window as the approved template, in the citizen’s language', async () => {
    const from = waId();
    await reportsToCode(from);
    const report = await reportOf(from);
    const contact = await contactOf(from);
    // The conversation's own replies (the code, the survey consent question) have all gone out.
    await waitFor(async () => {
      const pending = await stack.database.db
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.contactId, contact.id),
            eq(messages.direction, 'outbound'),
            sql`${messages.providerMessageId} is null`,
          ),
        );
      return pending.length === 0;
    });
    await stack.database.db
      .update(contacts)
      .set({ lastInboundAt: sql`now() - interval '25 hours'` })
      .where(eq(contacts.id, contact.id));
    const before = graph.requests.length;

    const validated = await stack.workspace.triage.changeStatus(
      staff,
      report.referenceCode,
      { status: 'validated', publicNote: 'Dibahas di forum bulan ini.' },
      null,
    );
    expect(validated.ok).toBe(true);

    const sent: GraphStandInRequest = await waitFor(
      async () => graph.requests.slice(before).find((r) => r.body.to === from) ?? null,
    );
    expect(sent.body.type).toBe('template');
    expect(sent.body.text).toBeUndefined();
    expect(sent.body.template).toEqual({
      name: TEMPLATE,
      language: { code: 'id' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: report.referenceCode },
            { type: 'text', text: 'Dibahas di forum bulan ini.' },
          ],
        },
      ],
    });
    const [row] = await waitFor(async () => {
      const rows = await stack.database.db
        .select()
        .from(messages)
        .where(and(eq(messages.reportId, report.id), sql`${messages.template} is not null`));
      return rows[0]?.providerMessageId ? rows : null;
    });
    expect(row?.status).not.toBe('held');
  });

  it('keeps a shared location as a place hint on the citizen’s message', async () => {
    const from = waId();
    const id = wamid();
    await post(
      webhook([
        {
          from,
          id,
          timestamp: now(),
          type: 'location',
          location: { latitude: -0.4195, longitude: 117.1548, name: 'Loa Ipuh', address: 'Tenggarong' },
        },
      ]),
    );
    const [message] = await waitFor(async () => {
      const rows = await stack.database.db
        .select({ id: messages.id, body: messages.body })
        .from(messages)
        .where(eq(messages.providerMessageId, id));
      return rows.length ? rows : null;
    });
    expect(message?.body).toBe('Loa Ipuh, Tenggarong, -0.4195,117.1548');
    const hints = await stack.database.db
      .select()
      .from(placeHints)
      .where(eq(placeHints.messageId, message?.id ?? ''));
    expect(hints).toEqual([
      expect.objectContaining({ source: 'shared_location', latitude: -0.4195, longitude: 117.1548 }),
    ]);
  });
});
