import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { partitionOf } from '../../src/pipeline/partition-of.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in.js';

const WINDOW_MS = 1500;

/**
 * Issue 11, defect 2, through the real path: signed Twilio webhooks, BullMQ, the worker, the
 * conversation runtime, Postgres, and replies sent with the twilio SDK to a local stand-in. What is
 * asserted is what the citizen's phone received.
 */
describe('quick messages from one contact are one turn', () => {
  let stack: TestStack;
  let standIn: TwilioStandIn;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    stack = await startTestStack({
      env: {
        TWILIO_API_BASE_URL: standIn.url,
        INBOUND_PARTITIONS: '2',
        COALESCE_WINDOW_MS: String(WINDOW_MS),
      },
    });
    await stack.startConversationWorkers();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await standIn?.close();
  });

  const send = async (from: string, body: string) => {
    const sid = messageSid();
    const response = await stack.postSigned('/webhooks/twilio', {
      AccountSid: ACCOUNT_SID,
      MessageSid: sid,
      From: from,
      To: '+15005550006',
      Body: body,
    });
    expect(response.statusCode).toBe(200);
    return sid;
  };
  const inbound = (sids: string[]) =>
    stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.provider, 'twilio'), inArray(messages.providerMessageId, sids)))
      .orderBy(asc(messages.createdAt));
  const handled = async (sids: string[]) => {
    const rows = await inbound(sids);
    return rows.length === sids.length && rows.every((row) => row.handledAt) ? rows : null;
  };
  /** What the citizen's phone got: the stand-in's accepted messages to that number, in order. */
  const phone = (to: string) => standIn.messages.filter((message) => message.to === to);

  it('answers two quick SMS once, as one complaint, with both texts on the report', async () => {
    const from = '+6281355501001';
    const first = await send(from, 'air sungai di kampung kami keruh dan berbau, ikan mati semua');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await send(from, 'sejak ada tambang batubara di hulu. Desa Loa Ipuh, Kukar');

    const [one, two] = await waitFor(() => handled([first, second]), 20_000);
    if (!one || !two) throw new Error('both parts should be stored');
    // The second part was answered as part of the first one's turn.
    expect(two.inReplyTo).toBe(one.id);
    const replies = await stack.database.db
      .select({ body: messages.body, inReplyTo: messages.inReplyTo })
      .from(messages)
      .where(and(eq(messages.contactId, one.contactId), eq(messages.direction, 'outbound')));
    expect(replies.map((reply) => reply.inReplyTo)).toEqual(replies.map(() => one.id));
    const texts = await waitFor(async () => (phone(from).length === replies.length ? phone(from) : null));
    const received = texts.map((text) => text.body).join('\n');
    expect(received).toMatch(/Kode [0-9A-Z]{6,8}, LINGKUNGAN/);
    expect(received).not.toMatch(/Di mana lokasinya|Laporan Anda tentang apa/);

    const filed = await stack.database.db.select().from(reports).where(eq(reports.contactId, one.contactId));
    expect(filed).toHaveLength(1);
    expect(filed[0]?.texts.join('\n')).toContain('ikan mati semua');
    expect(filed[0]?.texts.join('\n')).toContain('tambang batubara di hulu');
    expect(filed[0]?.citizenMessages).toBe(2);
    expect(filed[0]?.regencyCode).toBe('64.02');
    // The other part's own job found itself answered as part of that turn.
    await waitFor(async () =>
      stack.logs.some(
        (line) => line.includes('"outcome":"coalesced"') && (line.includes(two.id) || line.includes(one.id)),
      ),
    );
  }, 30_000);

  it('answers a single message once the window has passed, without holding the partition', async () => {
    // Three contacts in one partition, each sending one message at the same moment: were the window
    // waited out inside the job, the third would be answered after three windows.
    const numbers: string[] = [];
    for (let n = 0; numbers.length < 3; n++) {
      const number = `+62813555020${String(n).padStart(2, '0')}`;
      if (partitionOf(stack.services.cipher.hash(number), 2) === 0) numbers.push(number);
    }
    const sentAt = Date.now();
    const sids = await Promise.all(numbers.map((number) => send(number, 'halo')));
    const rows = await waitFor(() => handled(sids), 20_000);
    const latest = Math.max(...rows.map((row) => row.handledAt?.getTime() ?? 0));
    const earliest = Math.min(...rows.map((row) => row.handledAt?.getTime() ?? 0));
    // Each waited its window (nothing more came), and no one waited for another's.
    expect(earliest - sentAt).toBeGreaterThanOrEqual(WINDOW_MS - 100);
    expect(latest - sentAt).toBeLessThan(2 * WINDOW_MS);
    await waitFor(async () => numbers.every((number) => phone(number).length === 1));
    for (const number of numbers) expect(phone(number)[0]?.body).toContain('Selamat datang');
  }, 30_000);

  it('answers a keyword sent within the window as a turn of its own, in order', async () => {
    const from = '+6281355501003';
    const first = await send(from, 'air sumur kami keruh krn tambang nikel');
    const second = await send(from, 'INFO');
    const [one, two] = await waitFor(() => handled([first, second]), 20_000);
    expect(two?.inReplyTo).toBeNull();
    await waitFor(async () => phone(from).length === 2);
    const [question, help] = phone(from).map((text) => text.body);
    expect(question).toContain('Di mana lokasinya?');
    expect(help).toContain('Suara: laporkan masalah tambang');
    expect(one?.handledAt?.getTime()).toBeLessThanOrEqual(two?.handledAt?.getTime() ?? 0);
  }, 30_000);
});
