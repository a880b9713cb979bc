import type { Config } from '../config.js';
import type { Gazetteer } from '../geo/create-gazetteer.js';
import { loadGazetteer } from '../geo/load-gazetteer.js';
import type { Logger } from '../logger.js';
import { loadServiceLevels } from '../triage/load-service-levels.js';
import type { ServiceLevels } from '../triage/service-levels-schema.js';
import { createFlowRegistry, type FlowRegistry } from './flow-registry.js';

/** What both the conversation workers and the workspace read: loaded once per process. */
export interface Domain {
  flows: FlowRegistry;
  gazetteer: Gazetteer;
  serviceLevels: ServiceLevels;
  /** Stops watching the flow files. */
  close(): void;
}

export async function loadDomain(config: Config, logger: Logger): Promise<Domain> {
  const [flows, gazetteer, serviceLevels] = await Promise.all([
    createFlowRegistry(config.FLOWS_DIR, logger, config.FLOWS_HOT_RELOAD),
    loadGazetteer(),
    loadServiceLevels(config.SERVICE_LEVELS_FILE),
  ]);
  return { flows, gazetteer, serviceLevels, close: flows.close };
}
