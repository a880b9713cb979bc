import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { and, asc, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/messages.js';
import { reports } from '../../src/db/schema/reports.js';
import { projectPath } from '../../src/project-path.js';
import { ACCOUNT_SID, messageSid, startTestStack, type TestStack, waitFor } from '../support/test-stack.js';

const WINDOW_MS = 8000;

/**
 * Issue 11, defect 2: joining quick messages must keep exactly-once. `suara worker` processes are
 * SIGKILLed while a contact's two quick SMS wait out the window, and inside the transaction of the
 * turn that joins them; another worker answers them, once, as one turn, with nothing lost.
 */
describe('a worker killed while quick messages are joined', () => {
  let stack: TestStack;
  const children: ChildProcessWithoutNullStreams[] = [];
  const byName = new Map<string, ChildProcessWithoutNullStreams>();

  beforeAll(async () => {
    stack = await startTestStack();
  }, 60_000);
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stack?.close();
  });

  /** `name` becomes the worker's Postgres application_name, to tell which one a waiting backend is. */
  const startWorker = async (name: string) => {
    const url = new URL(stack.config.DATABASE_URL);
    url.searchParams.set('application_name', name);
    // Node itself with tsx as a loader: a SIGKILL of the tsx wrapper would leave the worker alive.
    const child = spawn(process.execPath, ['--import', 'tsx', projectPath('src', 'main.ts'), 'worker'], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: url.toString(),
        REDIS_URL: stack.config.REDIS_URL,
        QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
        PII_KEY: 'a'.repeat(64),
        INBOUND_PARTITIONS: String(stack.config.INBOUND_PARTITIONS),
        FLOWS_HOT_RELOAD: 'false',
        COALESCE_WINDOW_MS: String(WINDOW_MS),
      },
    });
    children.push(child);
    byName.set(name, child);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    // A loaded machine takes a while to start a worker under tsx.
    await waitFor(async () => output.includes('workers started'), 120_000).catch(() => {
      throw new Error(`worker ${name} did not start: ${output.slice(-2000)}`);
    });
    return child;
  };
  const kill = async (child: ChildProcessWithoutNullStreams) => {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };

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
  const stored = (sids: string[]) =>
    stack.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.provider, 'twilio'), inArray(messages.providerMessageId, sids)))
      .orderBy(asc(messages.createdAt));

  /** Both parts answered as one turn: one set of replies to the first, one report with both texts. */
  const expectOneTurn = async (sids: string[], words: string[]) => {
    const rows = await waitFor(async () => {
      const rows = await stored(sids);
      return rows.length === 2 && rows.every((row) => row.handledAt) ? rows : null;
    }, 90_000);
    const [first, second] = rows;
    if (!first || !second) throw new Error('both parts should be stored');
    expect(second.inReplyTo).toBe(first.id);
    const replies = await stack.database.db
      .select({ body: messages.body, inReplyTo: messages.inReplyTo })
      .from(messages)
      .where(and(eq(messages.contactId, first.contactId), eq(messages.direction, 'outbound')));
    // The code SMS, plus (a new contact) the consent question: one turn's replies, not two turns'.
    expect(replies.filter((reply) => /Kode [0-9A-Z]{6,8}/.test(reply.body))).toHaveLength(1);
    expect(replies.some((reply) => /Di mana lokasinya|Laporan Anda tentang apa/.test(reply.body))).toBe(
      false,
    );
    expect(replies.every((reply) => reply.inReplyTo === first.id)).toBe(true);
    const filed = await stack.database.db
      .select()
      .from(reports)
      .where(eq(reports.contactId, first.contactId));
    expect(filed).toHaveLength(1);
    for (const word of words) expect(filed[0]?.texts.join('\n')).toContain(word);
  };

  it('loses nothing and answers once when the worker dies while the window is open', async () => {
    const worker = await startWorker('suara-worker-1');
    const from = '+6281355503001';
    const sids = [await send(from, 'air sungai keruh dan ikan mati semua')];
    sids.push(await send(from, 'sejak ada tambang batubara di Desa Loa Ipuh, Kukar'));
    // Both stored, neither answered: their jobs wait in Redis for the window to pass.
    const rows = await waitFor(async () => {
      const rows = await stored(sids);
      return rows.length === 2 ? rows : null;
    }, 20_000);
    expect(rows.every((row) => row.handledAt === null)).toBe(true);
    await kill(worker);
    // The kill came inside the window.
    expect(Date.now()).toBeLessThan((rows[1]?.createdAt.getTime() ?? 0) + WINDOW_MS);

    await startWorker('suara-worker-2');
    await expectOneTurn(sids, ['ikan mati semua', 'Loa Ipuh']);
  }, 300_000);

  it('loses nothing and answers once when the worker dies inside the turn that joins them', async () => {
    // suara-worker-2 still runs; a second one stands by, as in production.
    await startWorker('suara-worker-3');
    const from = '+6281355503002';
    const sids = [await send(from, 'royalti batubara tdk pernah sampai ke desa')];
    sids.push(await send(from, 'kami di Kutai Timur, tlg ditindaklanjuti'));
    const rows = await waitFor(async () => {
      const rows = await stored(sids);
      return rows.length === 2 ? rows : null;
    }, 20_000);

    // Hold the first part's row: the turn, once due, waits on it mid-transaction; kill it there.
    const holder = new pg.Client({ connectionString: stack.config.DATABASE_URL });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select id from messages where id = $1 for update', [rows[0]?.id]);
    const database = new URL(stack.config.DATABASE_URL).pathname.slice(1);
    const waiting = await waitFor(async () => {
      const { rows: backends } = await stack.database.pool.query<{ name: string }>(
        `select application_name as name from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
        [database],
      );
      return backends[0]?.name;
    }, 20_000);
    const busy = byName.get(waiting);
    if (!busy) throw new Error(`no worker named ${waiting}`);
    await kill(busy);
    await holder.query('rollback');
    await holder.end();

    await expectOneTurn(sids, ['royalti batubara', 'Kutai Timur']);
  }, 300_000);
});
