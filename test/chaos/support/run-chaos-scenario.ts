import {
  auditInbound,
  auditPlaintext,
  auditReplies,
  type InboundAudit,
  type PlaintextAudit,
  type ReplyAudit,
} from './chaos-audit.js';
import type { ChaosDeployment } from './chaos-deployment.js';
import { createFaultInjector, type FaultKind, type FaultRecord } from './fault-injector.js';
import { startWebhookLoad } from './webhook-load.js';

export interface ChaosFigures {
  mode: string;
  sent: number;
  refused: Record<string, number>;
  inbound: InboundAudit;
  replies: ReplyAudit;
  faults: FaultRecord[];
  /** From the end of the load and the faults until everything owed was stored, handled and sent. */
  settleMs: number | null;
  /** Processes not running at the end, and every exit the suite did not cause. */
  deadAtEnd: string[];
  unexpectedExits: string[];
  plaintext: PlaintextAudit;
  durationMs: number;
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the load and, spread over it, the faults (each waits until its share of the load has been
 * sent, and for the system to recover before the next); then waits for the system to settle and audits
 * Postgres, the Twilio stand-in, the processes and Redis.
 */
export async function runChaosScenario(deployment: ChaosDeployment): Promise<ChaosFigures> {
  const startedAt = Date.now();
  const kills = env('CHAOS_KILLS', 3);
  const plan: FaultKind[] = [
    'kill-worker',
    'stop-redis',
    'stop-postgres',
    'terminate-backends',
    'terminate-lock-waiter',
  ];
  for (let i = 1; i < kills; i++) plan.splice(Math.min(plan.length, i * 2 + 1), 0, 'kill-worker');
  const load = startWebhookLoad({
    url: deployment.webhookUrl,
    messages: env('CHAOS_MESSAGES', 800),
    numbers: env('CHAOS_NUMBERS', 300),
    perSecond: env('CHAOS_RATE', 6),
    concurrency: env('CHAOS_CONCURRENCY', 16),
  });
  const injector = createFaultInjector(deployment);
  const faults: FaultRecord[] = [];
  for (const [i, kind] of plan.entries()) {
    const share = Math.floor((load.messages.length * (i + 1)) / (plan.length + 1));
    while (load.done() < share) await sleep(100);
    faults.push(await injector.run(kind));
  }
  await load.finished;

  const acknowledged = new Set<string>();
  const refused: Record<string, number> = {};
  for (const [sid, outcome] of load.outcomes) {
    if (outcome.kind === 'acknowledged') acknowledged.add(sid);
    else {
      const label = outcome.kind === 'refused' ? String(outcome.status) : outcome.reason;
      refused[label] = (refused[label] ?? 0) + 1;
    }
  }
  for (const probe of injector.probes) if (probe.acknowledgedAt !== null) acknowledged.add(probe.sid);

  const settleMs = await settle(deployment, [...acknowledged]);
  const inbound = await auditInbound(deployment, acknowledged, new Set(load.messages.map((m) => m.sid)));
  const replies = await auditReplies(deployment);
  const run = load.messages[0]?.token.slice(0, 11) ?? 'chaos';
  const plaintext = await auditPlaintext(deployment, [
    new RegExp(`${run}m\\d+x`),
    /628139\d{6}/,
    /62813800\d{4}/,
    /sinyal pulih/,
    /air sungai keruh/,
  ]);
  const deadAtEnd = deployment.processes.filter((p) => !p.running()).map((p) => p.name);
  const unexpectedExits = deployment.processes.flatMap((p) =>
    p.exits
      .filter((exit) => !exit.expected)
      .map((exit) => `${exit.name} (code ${exit.code}, signal ${exit.signal})`),
  );
  return {
    mode: deployment.mode,
    sent: load.messages.length,
    refused,
    inbound,
    replies,
    faults,
    settleMs,
    deadAtEnd,
    unexpectedExits,
    plaintext,
    durationMs: Date.now() - startedAt,
  };
}

/**
 * Settled: every acknowledged message handled (or set aside as a dead letter), no reply waiting to be sent, and the stand-in has seen no
 * new send for a few seconds (a retry in flight would still arrive). Bounded by CHAOS_SETTLE_TIMEOUT_MS.
 */
async function settle(deployment: ChaosDeployment, acknowledged: string[]): Promise<number | null> {
  const startedAt = Date.now();
  const deadline = startedAt + env('CHAOS_SETTLE_TIMEOUT_MS', 300_000);
  let lastSends = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const sends = deployment.standIn.requests.length;
    if (sends !== lastSends) {
      lastSends = sends;
      quietSince = Date.now();
    }
    const state = await deployment.database.pool
      .query<{ handled: number; pending: number }>(
        `select (select count(*)::int from messages
                  where provider = 'twilio' and provider_message_id = any($1) and handled_at is not null)
              + (select count(*)::int from dead_letters
                  where provider = 'twilio' and provider_message_id = any($1)) as handled,
                (select count(*)::int from messages
                  where direction = 'outbound' and status in ('queued', 'sending')
                    and provider_message_id is null) as pending`,
        [acknowledged],
      )
      .then((result) => result.rows[0])
      .catch(() => undefined);
    if (
      state &&
      state.handled >= acknowledged.length &&
      state.pending === 0 &&
      Date.now() - quietSince > 5_000
    )
      return Date.now() - startedAt;
    await sleep(1_000);
  }
  return null;
}
