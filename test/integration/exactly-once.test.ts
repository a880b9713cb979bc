import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import type { ConversationHandler } from '../../src/pipeline/conversation-handler.js';
import { sealInbound } from '../../src/pipeline/inbound-job.js';
import { type InboundDeps, processInbound } from '../../src/pipeline/process-inbound.js';
import { insertReport } from '../../src/reports/report-repository.js';
import {
  type ConversationRuntime,
  createConversationRuntime,
} from '../../src/runtime/create-conversation-runtime.js';
import { messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

/**
 * The Postgres side of exactly-once, without BullMQ's job-id dedup in front: the same job processed
 * twice, and a job whose first attempt fails after the conversation ran.
 */
describe('inbound processing exactly once', () => {
  let stack: TestStack;
  let runtime: ConversationRuntime;

  beforeAll(async () => {
    stack = await startTestStack();
    runtime = await createConversationRuntime(stack.services, stack.domain);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const deps = (handler: ConversationHandler): InboundDeps => ({
    db: stack.database.db,
    cipher: stack.services.cipher,
    handler,
    outbound: stack.services.outbound,
    logger: stack.services.logger,
  });
  const job = (from: string, body: string) =>
    sealInbound(
      {
        provider: 'twilio',
        channel: 'sms',
        providerMessageId: messageSid(),
        from,
        to: '+15005550006',
        body,
        media: [],
        receivedAt: new Date().toISOString(),
      },
      stack.services.cipher,
    );
  const rowsFor = async (sid: string) => {
    const [inbound] = await stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.provider, 'twilio'), eq(messages.providerMessageId, sid)));
    const replies = inbound
      ? await stack.database.db.select().from(messages).where(eq(messages.inReplyTo, inbound.id))
      : [];
    return { inbound, replies };
  };

  it('stores and answers a message processed twice only once', async () => {
    const first = job('+6281700000001', 'air sumur kami berbau sejak ada tambang nikel di Kolaka');
    expect(await processInbound(deps(runtime.handler), first)).toBe('handled');
    const once = await rowsFor(first.providerMessageId);
    expect(await processInbound(deps(runtime.handler), first)).toBe('duplicate');
    const { inbound, replies } = await rowsFor(first.providerMessageId);
    expect(inbound?.handledAt).not.toBeNull();
    // One turn's replies (the code, and for a new contact the consent question), not repeated.
    expect(replies.filter((r) => /Kode:? [0-9A-Z]{6,8}/.test(r.body))).toHaveLength(1);
    expect(replies.map((r) => r.id)).toEqual(once.replies.map((r) => r.id));
  });

  it('answers on the retry when the first attempt failed after the conversation ran', async () => {
    const from = '+6281700000002';
    await processInbound(
      deps(runtime.handler),
      job(from, 'royalti batubara tdk pernah sampai ke desa di Kutai Timur'),
    );
    let failOnce = true;
    const flaky: ConversationHandler = {
      async handle(input) {
        const result = await runtime.handler.handle(input);
        if (failOnce) {
          failOnce = false;
          throw new Error('connection lost before commit');
        }
        return result;
      },
    };
    const confirm = job(from, '1');
    await expect(processInbound(deps(flaky), confirm)).rejects.toThrow('connection lost');
    expect(await processInbound(deps(flaky), confirm)).toBe('handled');

    const { replies } = await rowsFor(confirm.providerMessageId);
    expect(replies.map((r) => r.body).join()).toMatch(/Kode: [0-9A-Z]{6}/);
    const code = /Kode: ([0-9A-Z]{6,8})/.exec(replies[0]?.body ?? '')?.[1] ?? '';
    const stored = await stack.database.db.select().from(reports).where(eq(reports.referenceCode, code));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.category).toBe('revenue');
  });

  it('offers the stored code when a report already exists for the message being answered', async () => {
    const broken: ConversationHandler = {
      async handle() {
        throw new Error('flows unavailable');
      },
    };
    const text = 'izin tambang emas di Nagan Raya tidak jelas, hutan dibuka';
    const complaint = job('+6281700000004', text);
    await expect(processInbound(deps(broken), complaint)).rejects.toThrow('flows unavailable');
    const { inbound } = await rowsFor(complaint.providerMessageId);
    if (!inbound?.contactId) throw new Error('the complaint was not stored');
    const now = new Date().toISOString();
    await insertReport(
      stack.database.db,
      {
        referenceCode: 'QQ7K2M',
        flowId: 'report',
        channel: 'sms',
        language: 'id',
        category: 'licensing',
        provenance: { classifier: null, citizenChoice: null },
        texts: [text],
        location: {
          provinceCode: null,
          regencyCode: null,
          districtCode: null,
          villageCode: null,
          rawText: null,
        },
        media: [],
        createdAt: now,
        conversationStartedAt: now,
        citizenMessages: 1,
      },
      inbound.contactId,
      inbound.id,
    );

    expect(await processInbound(deps(runtime.handler), complaint)).toBe('handled');
    const { replies } = await rowsFor(complaint.providerMessageId);
    expect(replies.map((r) => r.body).join('\n')).toMatch(/Kode:? QQ7K2M/);
    const stored = await stack.database.db
      .select({ code: reports.referenceCode })
      .from(reports)
      .where(eq(reports.sourceMessageId, inbound.id));
    expect(stored).toEqual([{ code: 'QQ7K2M' }]);
  });

  it('queues unanswered messages again when workers start', async () => {
    const broken: ConversationHandler = {
      async handle() {
        throw new Error('flows unavailable');
      },
    };
    const lost = job('+6281700000003', 'tambang pasir ilegal di sungai dekat desa kami di Aceh Besar');
    await expect(processInbound(deps(broken), lost)).rejects.toThrow('flows unavailable');
    const { inbound } = await rowsFor(lost.providerMessageId);
    expect(inbound?.handledAt).toBeNull();
    await stack.database.db
      .update(messages)
      .set({ createdAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(messages.id, inbound?.id ?? ''));

    await stack.startWorkers(runtime.handler);
    const answered = await waitFor(async () => {
      const rows = await rowsFor(lost.providerMessageId);
      return rows.inbound?.handledAt && rows.replies.length ? rows : null;
    });
    expect(answered.replies.map((r) => r.body).join('\n')).toMatch(/Salah kategori\?/);
  });
});
