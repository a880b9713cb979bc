import type { Classify } from '../classifier/classification.js';
import { ClassifierLoadError } from '../classifier/classifier-load-error.js';
import type { Knowledge } from '../classifier/create-featurizer.js';
import { createReloadableClassifier } from '../classifier/create-reloadable-classifier.js';
import { CLASSIFIER_FILES, readModel, rootPath } from '../classifier/read-classifier-files.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { createFlowConversationHandler } from '../pipeline/flow-conversation-handler.js';
import { createSessionStore } from '../sessions/session-store.js';
import type { Services } from './create-services.js';
import type { Domain } from './load-domain.js';

export interface ConversationRuntime {
  handler: ConversationHandler;
}

/**
 * Loads the classifier's model and builds, over the process's domain data, the handler the inbound
 * workers call. The classifier's keywords come from the flow registry (FLOWS_DIR, hot-reloaded with the
 * flows), not from a second read of categories.yaml.
 */
export async function createConversationRuntime(
  services: Services,
  domain: Domain,
  clock: () => Date = () => new Date(),
): Promise<ConversationRuntime> {
  const { config, logger } = services;
  const { flows: registry, gazetteer, serviceLevels } = domain;
  const classify = await createRegistryClassifier(domain, config.FLOWS_DIR, logger);
  const idleTimeoutMs = config.SESSION_IDLE_MINUTES * 60_000;
  const handler = createFlowConversationHandler({
    sessions: createSessionStore({
      redis: services.redis,
      cipher: services.cipher,
      prefix: config.QUEUE_PREFIX,
      ttlMs: idleTimeoutMs,
    }),
    flows: registry.current,
    classify,
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

/**
 * The classifier over the flow registry's keywords (FLOWS_DIR, hot-reloaded with the flows) and the
 * committed model: the one every part of a process classifies with.
 */
export async function createRegistryClassifier(
  domain: Domain,
  flowsDir: string,
  logger: Services['logger'],
): Promise<Classify> {
  const registry = domain.flows;
  const initial = registry.current().knowledge;
  if (initial === null) {
    throw new ClassifierLoadError([
      `${flowsDir}: needs categories.yaml and slang.yaml, the classifier's keywords`,
    ]);
  }
  // A reload that removed either file keeps the keywords last loaded, as an invalid flow edit does.
  let knowledge: Knowledge = initial;
  const currentKnowledge = (): Knowledge => {
    knowledge = registry.current().knowledge ?? knowledge;
    return knowledge;
  };
  const model = await readModel(rootPath() + CLASSIFIER_FILES.model);
  return createReloadableClassifier(currentKnowledge, model, (warning) => logger.warn(warning));
}
