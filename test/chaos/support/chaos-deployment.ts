import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../../../src/db/database.js';
import { migrateDatabase } from '../../../src/db/migrate-database.js';
import { freePort } from '../../support/private-redis.js';
import { startTwilioStandIn, type TwilioStandIn } from '../../support/twilio-stand-in.js';
import { type ChaosRedis, startChaosRedis } from './chaos-redis.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';
import { createSuaraProcess, type SuaraCommand, type SuaraProcess } from './suara-process.js';

export const CHAOS_AUTH_TOKEN = 'chaos-auth-token-0123456789abcdef';
export const CHAOS_ACCOUNT_SID = 'AC0000000000000000000000000000c4a0';
export const CHAOS_PUBLIC_URL = 'https://suara.example.org';
export const CHAOS_SMS_FROM = '+15005550006';
const DATABASE = 'suara';
const PARTITIONS = 8;

/**
 * `serve`: one process with the API and the workers (the small-deployment default).
 * `split`: one `api` and two `worker` processes.
 */
export type DeploymentMode = 'serve' | 'split';

export interface ChaosDeployment {
  mode: DeploymentMode;
  postgres: PrivatePostgres;
  redis: ChaosRedis;
  standIn: TwilioStandIn;
  /** The suite's own connection to the private database, for assertions. */
  database: Database;
  databaseName: string;
  piiKey: string;
  queuePrefix: string;
  partitions: number;
  processes: SuaraProcess[];
  /** The process that answers webhooks. */
  api: SuaraProcess;
  /** The processes running workers (serve counts as one). */
  workers: SuaraProcess[];
  webhookUrl: string;
  close(): Promise<void>;
}

/** Starts Postgres, Redis and the Twilio stand-in of the suite's own, migrates, and starts Suara on them. */
export async function startChaosDeployment(
  mode: DeploymentMode,
  options: { redisFsync?: 'always' | 'everysec' } = {},
): Promise<ChaosDeployment> {
  const postgres = await startPrivatePostgres();
  const redis = await startChaosRedis(options.redisFsync).catch(async (error: unknown) => {
    await postgres.close();
    throw error;
  });
  const standIn = await startTwilioStandIn();
  const url = postgres.url(DATABASE);
  const opened: { database?: Database; processes: SuaraProcess[] } = { processes: [] };
  const piiKey = randomBytes(32).toString('hex');
  const queuePrefix = `chaos${randomBytes(3).toString('hex')}`;

  const closeAll = async () => {
    await Promise.all(opened.processes.map((p) => p.stop()));
    await opened.database?.close();
    await standIn.close();
    await redis.close();
    await postgres.close();
  };

  try {
    await migrateDatabase(url);
    const database = createDatabase(url, { max: 4 });
    opened.database = database;
    const baseEnv = (name: string): Record<string, string> => {
      const named = new URL(url);
      // Tells the processes' backends apart in pg_stat_activity.
      named.searchParams.set('application_name', name);
      return {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PUBLIC_URL: CHAOS_PUBLIC_URL,
        DATABASE_URL: named.toString(),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: queuePrefix,
        PII_KEY: piiKey,
        TWILIO_ACCOUNT_SID: CHAOS_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: CHAOS_AUTH_TOKEN,
        TWILIO_API_BASE_URL: standIn.url,
        TWILIO_SMS_FROM: CHAOS_SMS_FROM,
        INBOUND_PARTITIONS: String(PARTITIONS),
        FLOWS_HOT_RELOAD: 'false',
        // The load comes from one address and a few hundred numbers at a pace no citizen keeps up:
        // the per-IP and per-contact limits would answer it, and this suite measures faults, not limits.
        RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0',
        CONTACT_MESSAGES_PER_MINUTE: '0',
        CONTACT_REPLIES_PER_DAY: '0',
        LOOP_MAX_MESSAGES: '1000',
        OUTBOUND_RATE_PER_SECOND: process.env.CHAOS_SEND_RATE ?? '200',
      };
    };
    const make = async (name: string, command: SuaraCommand) => {
      const port = command === 'worker' ? null : await freePort();
      const env = baseEnv(name);
      if (port !== null) env.PORT = String(port);
      // Two workers on one machine need their own metrics ports.
      env.METRICS_PORT = String(await freePort());
      const suara = createSuaraProcess({ name, command, env, port });
      opened.processes.push(suara);
      return suara;
    };

    const processes =
      mode === 'serve'
        ? [await make('suara-serve', 'serve')]
        : [
            await make('suara-api', 'api'),
            await make('suara-worker-1', 'worker'),
            await make('suara-worker-2', 'worker'),
          ];
    // One at a time: on a 2-core machine parallel tsx starts only slow each other down.
    for (const suara of processes) await suara.start();
    const api = processes[0];
    if (!api) throw new Error('no API process');

    return {
      mode,
      postgres,
      redis,
      standIn,
      database,
      databaseName: DATABASE,
      piiKey,
      queuePrefix,
      partitions: PARTITIONS,
      processes,
      api,
      workers: processes.filter((p) => p.command !== 'api'),
      webhookUrl: `http://127.0.0.1:${api.port}/webhooks/twilio`,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
