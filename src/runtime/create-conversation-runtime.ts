import { loadClassifier } from '../classifier/load-classifier.js';
import { loadGazetteer } from '../geo/load-gazetteer.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { createFlowConversationHandler } from '../pipeline/flow-conversation-handler.js';
import { createSessionStore } from '../sessions/session-store.js';
import { loadServiceLevels } from '../triage/load-service-levels.js';
import type { Services } from './create-services.js';
import { createFlowRegistry } from './flow-registry.js';

export interface ConversationRuntime {
  handler: ConversationHandler;
  close(): void;
}

/** Loads the flows, the classifier and the gazetteer once, and builds the handler the inbound workers call. */
export async function createConversationRuntime(
  services: Services,
  clock: () => Date = () => new Date(),
): Promise<ConversationRuntime> {
  const { config, logger } = services;
  const [registry, classifier, gazetteer, serviceLevels] = await Promise.all([
    createFlowRegistry(config.FLOWS_DIR, logger, config.FLOWS_HOT_RELOAD),
    loadClassifier(),
    loadGazetteer(),
    loadServiceLevels(config.SERVICE_LEVELS_FILE),
  ]);
  for (const warning of classifier.warnings) logger.warn(warning);
  const idleTimeoutMs = config.SESSION_IDLE_MINUTES * 60_000;
  const handler = createFlowConversationHandler({
    sessions: createSessionStore({
      redis: services.redis,
      cipher: services.cipher,
      prefix: config.QUEUE_PREFIX,
      ttlMs: idleTimeoutMs,
    }),
    flows: registry.current,
    classify: classifier.classify,
    resolveLocation: gazetteer.resolveLocation,
    resolveLocationReply: gazetteer.resolveLocationReply,
    clock,
    idleTimeoutMs,
    limits: { maxMessages: config.LOOP_MAX_MESSAGES, windowMinutes: config.LOOP_WINDOW_MINUTES },
    serviceLevels,
    logger,
  });
  return { handler, close: registry.close };
}
