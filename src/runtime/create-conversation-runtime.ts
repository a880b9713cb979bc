import { loadClassifier } from '../classifier/load-classifier.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { createFlowConversationHandler } from '../pipeline/flow-conversation-handler.js';
import { createSessionStore } from '../sessions/session-store.js';
import type { Services } from './create-services.js';
import type { Domain } from './load-domain.js';

export interface ConversationRuntime {
  handler: ConversationHandler;
}

/** Loads the classifier and builds, over the process's domain data, the handler the inbound workers call. */
export async function createConversationRuntime(
  services: Services,
  domain: Domain,
  clock: () => Date = () => new Date(),
): Promise<ConversationRuntime> {
  const { config, logger } = services;
  const { flows: registry, gazetteer, serviceLevels } = domain;
  const classifier = await loadClassifier();
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
  return { handler };
}
