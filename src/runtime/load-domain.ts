import type { Config } from '../config.js';
import type { Gazetteer } from '../geo/create-gazetteer.js';
import { loadGazetteer } from '../geo/load-gazetteer.js';
import { loadRegionCoordinates, type RegionCoordinates } from '../geo/region-coordinates.js';
import type { Logger } from '../logger.js';
import { loadServiceLevels } from '../triage/load-service-levels.js';
import type { ServiceLevels } from '../triage/service-levels-schema.js';
import { createFlowRegistry, type FlowRegistry } from './flow-registry.js';

/** What both the conversation workers and the workspace read: loaded once per process. */
export interface Domain {
  flows: FlowRegistry;
  gazetteer: Gazetteer;
  serviceLevels: ServiceLevels;
  /** Region centroids for maps (GeoJSON, Open311), from REGION_COORDINATES_FILE; empty without it. */
  coordinates: RegionCoordinates;
  /** Stops watching the flow files. */
  close(): void;
}

export async function loadDomain(config: Config, logger: Logger): Promise<Domain> {
  const [flows, gazetteer, serviceLevels, coordinates] = await Promise.all([
    createFlowRegistry(config.FLOWS_DIR, logger, config.FLOWS_HOT_RELOAD),
    loadGazetteer(),
    loadServiceLevels(config.SERVICE_LEVELS_FILE),
    loadRegionCoordinates(config.REGION_COORDINATES_FILE),
  ]);
  return { flows, gazetteer, serviceLevels, coordinates, close: flows.close };
}
