import type { Redis } from 'ioredis';
import { startExportBatches } from '../exports/start-export-batches.js';
import type { Services } from './create-services.js';
import { createTriageRuntime } from './create-triage-runtime.js';
import type { Domain } from './load-domain.js';

/** Partners' scheduled daily batches, run where the workers run. */
export function startPartnerBatches(services: Services, domain: Domain, connection: Redis) {
  const { config, logger } = services;
  const service = createTriageRuntime(services, domain).exportBatches;
  return startExportBatches(service, {
    connection,
    prefix: config.QUEUE_PREFIX,
    tickMs: config.EXPORT_BATCH_TICK_MS,
    backoffMs: config.EXPORT_BATCH_BACKOFF_MS,
    attempts: config.EXPORT_BATCH_ATTEMPTS,
    logger,
  });
}
