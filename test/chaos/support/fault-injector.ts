import pg from 'pg';
import { CHAOS_ACCOUNT_SID, CHAOS_SMS_FROM, type ChaosDeployment } from './chaos-deployment.js';
import { signTwilioForm } from './webhook-load.js';

export type FaultKind =
  | 'kill-worker'
  | 'stop-redis'
  | 'stop-postgres'
  | 'terminate-backends'
  | 'terminate-lock-waiter';

export interface FaultRecord {
  kind: FaultKind;
  detail: string;
  /** From the end of the fault (restart, server back, backends gone) to a new webhook acknowledged. */
  apiMs: number | null;
  /** From the end of the fault to a message handled by a worker again. */
  workersMs: number | null;
  /** Processes that died without being killed by the suite during this fault. */
  unexpectedExits: string[];
}

export interface Probe {
  sid: string;
  from: string;
  body: string;
  acknowledgedAt: number | null;
}

export interface FaultInjector {
  run(kind: FaultKind): Promise<FaultRecord>;
  /** Every probe message acknowledged: they are owed like the load's. */
  probes: Probe[];
}

const REDIS_OUTAGE_MS = Number(process.env.CHAOS_REDIS_OUTAGE_MS ?? 5_000);
const POSTGRES_OUTAGE_MS = Number(process.env.CHAOS_POSTGRES_OUTAGE_MS ?? 10_000);
const RECOVERY_TIMEOUT_MS = Number(process.env.CHAOS_RECOVERY_TIMEOUT_MS ?? 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createFaultInjector(deployment: ChaosDeployment): FaultInjector {
  const probes: Probe[] = [];
  let kills = 0;

  /** Sends one message until it is acknowledged (as a provider's next message would come); null if never. */
  const sendProbe = async (from: string, deadline: number): Promise<Probe | null> => {
    const probe: Probe = {
      sid: `SMfeed${String(probes.length).padStart(28, '0')}`,
      from,
      body: `halo, sinyal pulih ${probes.length}`,
      acknowledgedAt: null,
    };
    probes.push(probe);
    const params = {
      AccountSid: CHAOS_ACCOUNT_SID,
      MessageSid: probe.sid,
      From: probe.from,
      To: CHAOS_SMS_FROM,
      Body: probe.body,
      NumMedia: '0',
    };
    while (probe.acknowledgedAt === null) {
      if (Date.now() > deadline) return null;
      try {
        const response = await fetch(deployment.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': signTwilioForm(params),
          },
          body: new URLSearchParams(params).toString(),
          signal: AbortSignal.timeout(15_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) probe.acknowledgedAt = Date.now();
      } catch {
        // Not listening yet: try again.
      }
      if (probe.acknowledgedAt === null) await sleep(250);
    }
    return probe;
  };

  /**
   * Recovery, measured from the end of the fault: the API's, until a new message (from a number of its
   * own) is acknowledged; the workers', until a message is handled again. The probe itself may wait
   * behind the backlog the fault left in its partition; it is owed like the load's messages and checked
   * with them at the end.
   */
  const recovery = async (since: number): Promise<Pick<FaultRecord, 'apiMs' | 'workersMs'>> => {
    const deadline = since + RECOVERY_TIMEOUT_MS;
    const probe = await sendProbe(`+62813800${String(probes.length).padStart(4, '0')}`, deadline);
    const apiMs = probe?.acknowledgedAt ? probe.acknowledgedAt - since : null;
    while (Date.now() < deadline) {
      const handled = await deployment.database.pool
        .query(`select 1 from messages where direction = 'inbound' and handled_at > $1 limit 1`, [
          new Date(since),
        ])
        .then((result) => (result.rowCount ?? 0) > 0)
        .catch(() => false);
      if (handled) return { apiMs, workersMs: Date.now() - since };
      await sleep(200);
    }
    return { apiMs, workersMs: null };
  };

  /** `restarted`: a killed process starting again, awaited after the recovery was measured. */
  const inject = async (
    kind: FaultKind,
  ): Promise<{ detail: string; endedAt: number; restarted?: Promise<void> }> => {
    switch (kind) {
      case 'kill-worker': {
        // Serve is the only process: killed and started again, as its supervisor would. With separate
        // workers the two take turns being killed; the other keeps working meanwhile.
        const target = deployment.workers[kills % deployment.workers.length];
        kills += 1;
        if (!target) throw new Error('no worker to kill');
        await target.kill();
        return {
          detail: `SIGKILL ${target.name}, restarted`,
          endedAt: Date.now(),
          restarted: target.start(),
        };
      }
      case 'stop-redis': {
        await deployment.redis.kill();
        await sleep(REDIS_OUTAGE_MS);
        await deployment.redis.start();
        return { detail: `Redis killed for ${REDIS_OUTAGE_MS / 1000} s`, endedAt: Date.now() };
      }
      case 'stop-postgres': {
        await deployment.postgres.stop();
        await sleep(POSTGRES_OUTAGE_MS);
        await deployment.postgres.start();
        return {
          detail: `Postgres stopped (immediate) for ${POSTGRES_OUTAGE_MS / 1000} s`,
          endedAt: Date.now(),
        };
      }
      case 'terminate-backends': {
        // Whatever the processes' backends are doing now, transactions included.
        const terminated = await deployment.postgres.terminateBackends(
          deployment.databaseName,
          `application_name like 'suara-%' and state <> 'idle'`,
        );
        const idle = await deployment.postgres.terminateBackends(
          deployment.databaseName,
          `application_name like 'suara-%'`,
        );
        return { detail: `${terminated} busy + ${idle} idle backends terminated`, endedAt: Date.now() };
      }
      case 'terminate-lock-waiter': {
        // The contact rows are held, so a worker's job waits on a row lock mid-transaction; its backend is
        // terminated there (what killed whole processes before, issue 12 defect 1).
        const holder = new pg.Client({ connectionString: deployment.postgres.url(deployment.databaseName) });
        await holder.connect();
        let terminated = 0;
        try {
          await holder.query('begin');
          await holder.query('select id from contacts for update');
          const deadline = Date.now() + 30_000;
          // A message from a citizen already known, so that its job waits on the held row even when the
          // load has ended.
          const known = probes[0]?.from;
          if (known) await sendProbe(known, deadline);
          while (terminated === 0 && Date.now() < deadline) {
            await sleep(200);
            terminated = await deployment.postgres.terminateBackends(
              deployment.databaseName,
              `application_name like 'suara-%' and wait_event_type = 'Lock'`,
            );
          }
          await holder.query('rollback');
        } finally {
          await holder.end();
        }
        return { detail: `${terminated} backends waiting on a row lock terminated`, endedAt: Date.now() };
      }
    }
  };

  return {
    probes,
    async run(kind) {
      const exitsBefore = new Map(deployment.processes.map((p) => [p.name, p.exits.length]));
      const { detail, endedAt, restarted } = await inject(kind);
      const { apiMs, workersMs } = await recovery(endedAt);
      await restarted;
      const unexpectedExits = deployment.processes.flatMap((p) =>
        p.exits
          .slice(exitsBefore.get(p.name) ?? 0)
          .filter((exit) => !exit.expected)
          .map((exit) => `${exit.name} (code ${exit.code}, signal ${exit.signal})`),
      );
      return { kind, detail, apiMs, workersMs, unexpectedExits };
    },
  };
}
