import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { citizenReports, citizenSends } from '../support/citizen-report.js';
import { createStaff, signInOverHttp } from '../support/staff-accounts.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const CITIZEN = '+6281277700001';

describe('masked replies: the citizen answers staff without anyone seeing the number', () => {
  let stack: TestStack;
  let code: string;
  let auth: { cookie: string; csrf: string };

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.startConversationWorkers();
    await createStaff(stack, { email: 'kaltim@example.org', role: 'secretariat', provinces: ['64'] });
    code = await citizenReports(stack, CITIZEN, 'royalti batubara tidak sampai ke desa kami di Kutai Timur');
    auth = await signInOverHttp(stack, 'kaltim@example.org');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const post = (path: string, payload: Record<string, string>) =>
    stack.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${code}/${path}`,
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
      payload,
    });

  const lastReply = async () => {
    const rows = await stack.database.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.direction, 'outbound'))
      .orderBy(asc(messages.createdAt));
    return rows.at(-1)?.body ?? '';
  };

  it("attaches the citizen's answer to the report, and a keyword still works", async () => {
    expect(
      (await post('status', { status: 'validated', publicNote: 'Sudah dibahas di forum.' })).statusCode,
    ).toBe(200);
    expect((await post('messages', { text: 'Tahun berapa dana itu dijanjikan?' })).statusCode).toBe(200);

    await citizenSends(stack, CITIZEN, 'dijanjikan tahun 2024 pak');
    const [report] = await stack.database.db.select().from(reports).where(eq(reports.referenceCode, code));
    const attached = await stack.database.db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.reportId, report?.id ?? ''), eq(messages.direction, 'inbound')));
    expect(attached.map((m) => m.body)).toEqual(['dijanjikan tahun 2024 pak']);
    expect(await lastReply()).toMatch(
      new RegExp(`pesan Anda diteruskan ke sekretariat \\(laporan ${code}\\)`),
    );
    expect(await stack.database.db.select().from(reports)).toHaveLength(1);

    // STATUS is a keyword: answered with the stage and the latest public note, not attached.
    await citizenSends(stack, CITIZEN, `STATUS ${code}`);
    expect(await lastReply()).toBe(
      `Laporan ${code}: dinyatakan valid, diteruskan ke forum. Sudah dibahas di forum.`,
    );
    const page = await stack.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${code}`,
      headers: { cookie: auth.cookie },
    });
    const detail = page.json();
    expect(detail.messages.some((m: { body: string }) => m.body === 'dijanjikan tahun 2024 pak')).toBe(true);
    expect(JSON.stringify(detail)).not.toContain(CITIZEN.slice(1));
  });
});
