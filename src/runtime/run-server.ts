import { type Config, loadConfig } from '../config.js';
import { describeConnectionError } from '../db/describe-connection-error.js';
import { migrateDatabase } from '../db/migrate-database.js';
import { describeError } from '../describe-error.js';
import { buildApp } from '../http/build-app.js';
import { createLogger, type Logger } from '../logger.js';
import { startMetricsServer } from '../metrics/start-metrics-server.js';
import { createRedisConnection } from '../pipeline/redis-connection.js';
import type { RunningWorkers } from '../pipeline/start-workers.js';
import { startSurveyCampaigns } from '../surveys/start-survey-campaigns.js';
import { type ConversationRuntime, createConversationRuntime } from './create-conversation-runtime.js';
import { checkConnections, createServices } from './create-services.js';
import { createTriageRuntime } from './create-triage-runtime.js';
import { type Domain, loadDomain } from './load-domain.js';
import { startPartnerBatches } from './start-partner-batches.js';
import { startServiceWorkers } from './start-service-workers.js';

export interface ServerMode {
  api: boolean;
  workers: boolean;
  migrate: boolean;
}

/** Runs the HTTP API, the workers or both until SIGTERM/SIGINT, then shuts down gracefully. */
export async function runServer(mode: ServerMode): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(loaded.error);
    return 1;
  }
  const config = loaded.config;
  const logger = createLogger({ level: config.LOG_LEVEL, production: config.NODE_ENV === 'production' });
  for (const warning of config.warnings) logger.warn(warning);

  if (mode.migrate) {
    const migrated = await runMigrations(config, logger);
    if (!migrated) return 1;
  }

  const services = createServices(config, logger);
  const problems = await checkConnections(services);
  if (problems.length) {
    for (const problem of problems) console.error(problem);
    await services.close();
    return 1;
  }

  let domain: Domain;
  try {
    domain = await loadDomain(config, logger);
  } catch (error) {
    // Invalid flows or service levels: the message names the file and the fix.
    console.error(error instanceof Error ? error.message : String(error));
    await services.close();
    return 1;
  }

  let workers: RunningWorkers | null = null;
  // Workers block on Redis and need a connection that retries forever, unlike the fail-fast producer.
  const workerRedis = mode.workers ? createRedisConnection(config, 'worker') : null;
  let conversations: ConversationRuntime | null = null;
  let campaignSender: { stop(): Promise<void> } | null = null;
  let partnerBatches: { close(): Promise<void> } | null = null;
  if (workerRedis) {
    try {
      conversations = await createConversationRuntime(services, domain);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      workerRedis.disconnect();
      domain.close();
      await services.close();
      return 1;
    }
    workers = await startServiceWorkers(services, workerRedis, conversations.handler);
    campaignSender = startSurveyCampaigns(services, domain);
    partnerBatches = await startPartnerBatches(services, domain, workerRedis);
    logger.info(
      { partitions: config.INBOUND_PARTITIONS, providers: [...services.adapters.keys()] },
      'workers started',
    );
  }

  const app = mode.api
    ? await buildApp({ ...services, workspace: createTriageRuntime(services, domain) })
    : null;
  if (app) await app.listen({ host: config.HOST, port: config.PORT });
  // The API serves /metrics itself; a worker-only process gets a small server of its own.
  const metricsServer =
    !app && config.METRICS_PORT > 0
      ? await startMetricsServer(
          { ...services, providers: services.adapters.keys() },
          { host: config.HOST, port: config.METRICS_PORT },
        )
      : null;

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing in-flight work');
      const timer = setTimeout(() => {
        logger.error('shutdown timed out; exiting with work possibly unfinished');
        // Open sockets would keep the process alive: leave now; unfinished jobs are retried by BullMQ.
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      try {
        // Stop taking requests first, then let workers finish their current jobs, then close pools.
        await app?.close();
        await metricsServer?.close();
        await campaignSender?.stop();
        await partnerBatches?.close();
        await workers?.close();
        domain.close();
        workerRedis?.disconnect();
        await services.close();
        logger.info('stopped');
        resolve(0);
      } catch (error) {
        logger.error({ err: describeError(error) }, 'error during shutdown');
        resolve(1);
      } finally {
        clearTimeout(timer);
      }
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}

export async function runMigrations(config: Config, logger: Logger): Promise<boolean> {
  try {
    const { created } = await migrateDatabase(config.DATABASE_URL);
    if (created) logger.info('created the database named in DATABASE_URL');
    logger.info('migrations applied');
    return true;
  } catch (error) {
    const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
    if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000'].includes(code)) {
      console.error(describeConnectionError('Postgres', config.DATABASE_URL, error));
    } else {
      console.error(`Migration failed: ${describeError(error)}`);
    }
    return false;
  }
}
