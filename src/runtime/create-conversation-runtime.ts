import { loadClassifier } from '../classifier/load-classifier.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { loadGazetteer } from '../geo/load-gazetteer.js';
import type { Logger } from '../logger.js';
import type { ConversationHandler } from '../pipeline/conversation-handler.js';
import { createFlowConversationHandler } from '../pipeline/flow-conversation-handler.js';
import type { createRedisConnection } from '../pipeline/redis-connection.js';
import { createSessionStore } from '../sessions/session-store.js';
import { createFlowRegistry } from './flow-registry.js';

export interface ConversationRuntime {
  handler: ConversationHandler;
  close(): void;
}

export interface ConversationRuntimeOptions {
  config: Config;
  logger: Logger;
  database: Database;
  redis: ReturnType<typeof createRedisConnection>;
  clock?: () => Date;
}

/** Loads the flows, the classifier and the gazetteer once, and builds the handler the inbound workers call. */
export async function createConversationRuntime(
  options: ConversationRuntimeOptions,
): Promise<ConversationRuntime> {
  const { config, logger } = options;
  const [registry, classifier, gazetteer] = await Promise.all([
    createFlowRegistry(config.FLOWS_DIR, logger, config.FLOWS_HOT_RELOAD),
    loadClassifier(),
    loadGazetteer(),
  ]);
  for (const warning of classifier.warnings) logger.warn(warning);
  const idleTimeoutMs = config.SESSION_IDLE_MINUTES * 60_000;
  const handler = createFlowConversationHandler({
    db: options.database.db,
    sessions: createSessionStore({
      redis: options.redis,
      db: options.database.db,
      prefix: config.QUEUE_PREFIX,
      ttlMs: idleTimeoutMs,
    }),
    flows: registry.current,
    classify: classifier.classify,
    resolveLocation: gazetteer.resolveLocation,
    resolveLocationReply: gazetteer.resolveLocationReply,
    clock: options.clock ?? (() => new Date()),
    idleTimeoutMs,
    limits: { maxMessages: config.LOOP_MAX_MESSAGES, windowMinutes: config.LOOP_WINDOW_MINUTES },
    logger,
  });
  return { handler, close: registry.close };
}
