import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosDeployment, startChaosDeployment } from './support/chaos-deployment.js';
import { hostileRequests } from './support/hostile-bodies.js';

const COUNT = Number(process.env.CHAOS_FUZZ_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.CHAOS_FUZZ_CONCURRENCY ?? 8);
const SETTLE_MS = Number(process.env.CHAOS_SETTLE_TIMEOUT_MS ?? 300_000);

interface Answer {
  kind: string;
  status: number;
  text: string;
  sid: string | null;
}

/** A 4xx that tells the sender what was wrong: the one error shape, a short message, no stack trace. */
function clearRefusal(answer: Answer): boolean {
  try {
    const body: unknown = JSON.parse(answer.text);
    if (typeof body !== 'object' || body === null || !('error' in body) || !('message' in body)) return false;
    const { error, message } = body;
    return (
      typeof error === 'string' &&
      typeof message === 'string' &&
      message.length > 0 &&
      message.length < 1000 &&
      !/\n\s+at |node_modules|\.ts:\d+/.test(message)
    );
  } catch {
    return false;
  }
}

/**
 * Issue 12's fuzz pass: a few thousand malformed and hostile webhooks at a running `suara serve`. It must
 * not crash; whatever it acknowledges it stores; whatever it refuses, it refuses with a 4xx that says why.
 */
describe('hostile webhooks at a running `suara serve`', () => {
  let deployment: ChaosDeployment;
  const answers: Answer[] = [];
  let failures: string[] = [];
  let settled = false;

  beforeAll(async () => {
    // Nothing is killed here: Redis syncs its AOF as production runs it.
    deployment = await startChaosDeployment('serve', { redisFsync: 'everysec' });
    const requests = hostileRequests(COUNT, deployment.standIn.url);
    const lane = async () => {
      for (let next = requests.next(); !next.done; next = requests.next()) {
        const request = next.value;
        try {
          const response = await fetch(deployment.webhookUrl, {
            method: 'POST',
            headers: request.headers,
            body: request.body,
            signal: AbortSignal.timeout(30_000),
          });
          answers.push({
            kind: request.kind,
            status: response.status,
            text: await response.text(),
            sid: request.sid,
          });
        } catch (error) {
          // fetch says only "fetch failed"; the cause (a reset, a timeout) is what tells why.
          const cause =
            error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
          failures.push(
            `${request.kind}: no answer (${error instanceof Error ? error.message : String(error)}${cause})`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));

    const acknowledged = answers.flatMap((a) => (a.status === 200 && a.sid ? [a.sid] : []));
    const deadline = Date.now() + SETTLE_MS;
    while (!settled && Date.now() < deadline) {
      const { rows } = await deployment.database.pool.query<{ done: number }>(
        `select (select count(*)::int from messages where provider = 'twilio'
                   and provider_message_id = any($1) and handled_at is not null)
              + (select count(*)::int from dead_letters where provider_message_id = any($1)) as done`,
        [acknowledged],
      );
      settled = (rows[0]?.done ?? 0) >= acknowledged.length;
      if (!settled) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }

    const byKind = new Map<string, Map<number, number>>();
    for (const answer of answers) {
      const statuses = byKind.get(answer.kind) ?? new Map<number, number>();
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      byKind.set(answer.kind, statuses);
    }
    const width = Math.max(...[...byKind.keys()].map((k) => k.length));
    console.log(
      [
        `Fuzz figures: ${answers.length} answered, ${failures.length} unanswered, ${acknowledged.length} acknowledged`,
        ...[...byKind].map(
          ([kind, statuses]) =>
            `  ${kind.padEnd(width)}  ${[...statuses].map(([status, n]) => `${n} × ${status}`).join(', ')}`,
        ),
      ].join('\n'),
    );
    failures = failures.slice(0, 20);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('answers every request and stays up', async () => {
    const health = await fetch(`http://127.0.0.1:${deployment.api.port}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    expect({
      unanswered: failures,
      answered: answers.length,
      exits: deployment.api.exits,
      running: deployment.api.running(),
      health,
    }).toEqual({ unanswered: [], answered: COUNT, exits: [], running: true, health: 200 });
  });

  it('refuses only with a 4xx that says what was wrong', () => {
    const serverErrors = answers.filter((a) => a.status >= 500 || a.status < 200);
    expect(serverErrors.map((a) => `${a.kind}: ${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
    const unclear = answers.filter((a) => a.status >= 400 && a.status < 500 && !clearRefusal(a));
    expect(unclear.map((a) => `${a.kind}: ${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
    // Most requests are signed: a run where everything was refused at the door tested no parser.
    expect(answers.filter((a) => a.status === 400).length).toBeGreaterThan(COUNT / 10);
  });

  it('stores and handles every message it acknowledged', async () => {
    const acknowledged = answers.filter((a) => a.status === 200);
    expect(acknowledged.length).toBeGreaterThan(COUNT / 20);
    expect(acknowledged.filter((a) => a.sid === null).map((a) => a.kind)).toEqual([]);
    const sids = acknowledged.flatMap((a) => (a.sid ? [a.sid] : []));
    const { rows } = await deployment.database.pool.query<{ sid: string }>(
      `select provider_message_id as sid from messages where provider = 'twilio' and provider_message_id = any($1)
       union all select provider_message_id from dead_letters where provider_message_id = any($1)`,
      [sids],
    );
    const stored = new Set(rows.map((row) => row.sid));
    const missing = sids.filter((sid) => !stored.has(sid));
    expect({ missing: missing.length, first: missing.slice(0, 5), settled }).toEqual({
      missing: 0,
      first: [],
      settled: true,
    });
  });
});
