import type { Provider, StatusUpdate } from '../channels/channel-adapter.js';
import type { Db } from '../db/database.js';
import { applyStatusUpdate, type StatusOutcome } from './apply-status-update.js';

/** Delivery reports from providers, as the webhook routes hand them over: the routes never see the database. */
export function createStatusUpdateService(db: Db) {
  return {
    apply(provider: Provider, update: StatusUpdate): Promise<StatusOutcome> {
      return applyStatusUpdate(db, provider, update);
    },
  };
}

export type StatusUpdateService = ReturnType<typeof createStatusUpdateService>;
