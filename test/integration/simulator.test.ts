import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/db/schema/contacts.js';
import { reports } from '../../src/db/schema/reports.js';
import { startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

interface Transcript {
  messages: { direction: string; body: string; segments: number | null }[];
}

describe('web simulator channel', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ env: { SIMULATOR_ENABLED: 'true' } });
    await stack.startConversationWorkers();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const send = (from: string, text: string, channel = 'sms') =>
    stack.app.inject({ method: 'POST', url: '/simulator/messages', payload: { from, channel, text } });
  const transcript = async (from: string, channel = 'sms'): Promise<Transcript> =>
    (await stack.app.inject({ method: 'GET', url: '/simulator/messages', query: { from, channel } })).json();
  const replies = async (from: string, count: number) =>
    waitFor(async () => {
      const outbound = (await transcript(from)).messages.filter((m) => m.direction === 'outbound');
      return outbound.length >= count ? outbound : null;
    });

  it('serves the page', async () => {
    const page = await stack.app.inject({ method: 'GET', url: '/simulator' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Suara');
  });

  it('completes a report through the same queue, engine and database as real traffic', async () => {
    expect(
      (await send('+628555000111', 'sungai kami keruh karena limbah tambang batubara di Kukar')).statusCode,
    ).toBe(202);
    const [confirm] = await replies('+628555000111', 1);
    expect(confirm?.body).toMatch(/LINGKUNGAN/);
    expect(confirm?.segments).toBe(1);
    await send('+628555000111', '1');
    const all = await replies('+628555000111', 2);
    const code = /Kode:? ([0-9A-Z]{6,8})/.exec(all.map((m) => m.body).join('\n'))?.[1];
    expect(code).toBeDefined();
    const [report] = await stack.database.db
      .select()
      .from(reports)
      .where(eq(reports.referenceCode, code ?? ''));
    expect(report).toMatchObject({ category: 'environmental', regencyCode: '64.02', status: 'new' });
  });

  it('keeps simulated numbers apart from real citizens with the same number', async () => {
    await send('+628555000222', 'halo');
    await replies('+628555000222', 1);
    const [contact] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash('+628555000222')));
    expect(contact).toBeUndefined();
    const [simulated] = await stack.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.addressHash, stack.services.cipher.hash('sim:+628555000222')));
    expect(simulated?.provider).toBe('simulator');
  });

  it('rejects bad input with a clear message', async () => {
    const bad = await send('not-a-number', 'halo');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/from: must be a phone number/);
    const list = await stack.app.inject({ method: 'GET', url: '/simulator/messages', query: { from: '1' } });
    expect(list.statusCode).toBe(400);
  });
});

describe('web simulator in production', () => {
  it('is off unless enabled', async () => {
    const stack = await startTestStack({ env: { NODE_ENV: 'production' } });
    try {
      expect((await stack.app.inject({ method: 'GET', url: '/simulator' })).statusCode).toBe(404);
    } finally {
      await stack.close();
    }
  });
});
