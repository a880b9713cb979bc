import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import twilio from 'twilio';
import { type Config, loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logger.js';
import {
  type ConversationHandler,
  silentConversationHandler,
} from '../../src/pipeline/conversation-handler.js';
import { createRedisConnection } from '../../src/pipeline/redis-connection.js';
import type { RunningWorkers } from '../../src/pipeline/start-workers.js';
import { createConversationRuntime } from '../../src/runtime/create-conversation-runtime.js';
import { createServices, type Services } from '../../src/runtime/create-services.js';
import { createTriageRuntime, type TriageRuntime } from '../../src/runtime/create-triage-runtime.js';
import { type Domain, loadDomain } from '../../src/runtime/load-domain.js';
import { startServiceWorkers } from '../../src/runtime/start-service-workers.js';
import { deleteQueueKeys } from './delete-queue-keys.js';
import { createTestDatabase, type TestDatabase, uniqueQueuePrefix } from './test-database.js';

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const PUBLIC_URL = 'https://suara.example.org';

export interface TestStack {
  app: FastifyInstance;
  services: Services;
  /** Flows, gazetteer and service levels, loaded once for the app and the workers. */
  domain: Domain;
  workspace: TriageRuntime;
  config: Config;
  database: TestDatabase;
  /** Every log line written at info level or above, as JSON text. */
  logs: string[];
  startWorkers(handler?: ConversationHandler): Promise<RunningWorkers>;
  /** Workers running the real conversation runtime (flows, classifier, gazetteer) with the given clock. */
  startConversationWorkers(clock?: () => Date): Promise<RunningWorkers>;
  /** POSTs a form to the app, signed the way Twilio signs it (with the twilio package's own function). */
  postSigned(path: string, params: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  env?: Record<string, string>;
  database?: TestDatabase;
  /** The clock the workspace sees (service levels, sessions). */
  clock?: () => Date;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const database = options.database ?? (await createTestDatabase());
  const loaded = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    PII_KEY: 'a'.repeat(64),
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_SMS_FROM: '+15005550006',
    TWILIO_WHATSAPP_FROM: '+14155238886',
    INBOUND_PARTITIONS: '4',
    OUTBOUND_BACKOFF_MS: '50',
    FLOWS_HOT_RELOAD: 'false',
    // Tests about something else send messages in quick succession as answers: one turn each.
    COALESCE_WINDOW_MS: '0',
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.error);
  const config = loaded.config;

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', production: true, destination: sink });
  const services = createServices(config, logger);
  const domain = await loadDomain(config, logger);
  const workspace = createTriageRuntime(services, domain, options.clock);
  const app = await buildApp({ ...services, workspace });
  const running: RunningWorkers[] = [];
  const workerConnections: ReturnType<typeof createRedisConnection>[] = [];

  const stack: TestStack = {
    app,
    services,
    domain,
    workspace,
    config,
    database,
    logs,
    async startWorkers(handler = silentConversationHandler) {
      const connection = createRedisConnection(config, 'worker');
      workerConnections.push(connection);
      const workers = await startServiceWorkers(services, connection, handler);
      running.push(workers);
      return workers;
    },
    async startConversationWorkers(clock) {
      const runtime = await createConversationRuntime(services, domain, clock);
      return stack.startWorkers(runtime.handler);
    },
    postSigned(path, params) {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${path}`, params);
      return app.inject({
        method: 'POST',
        url: path,
        headers: { 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(params).toString(),
      });
    },
    async close() {
      await app.close();
      await Promise.all(running.map((workers) => workers.close()));
      for (const connection of workerConnections) connection.disconnect();
      domain.close();
      // A stack whose Redis never connected (the "Redis down" tests) left nothing to delete.
      await deleteQueueKeys(services.redis, config.QUEUE_PREFIX).catch(() => {});
      await services.close();
      await database.drop();
    },
  };
  return stack;
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let sidCounter = 0;
export function messageSid(): string {
  sidCounter += 1;
  return `SM${Date.now().toString(16)}${String(sidCounter).padStart(12, '0')}`.padEnd(34, '0').slice(0, 34);
}
