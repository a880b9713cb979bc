import type { Services } from '../runtime/create-services.js';
import type { Domain } from '../runtime/load-domain.js';
import { createSessionStore } from '../sessions/session-store.js';
import { startCampaignSender } from './campaign-sender.js';

/** The campaign sender of a worker process: invitations due now, at the outbound queue's pace. */
export function startSurveyCampaigns(services: Services, domain: Domain): { stop(): Promise<void> } {
  const { config } = services;
  const idleTimeoutMs = config.SESSION_IDLE_MINUTES * 60_000;
  return startCampaignSender(
    {
      db: services.database.db,
      sessions: createSessionStore({
        redis: services.redis,
        cipher: services.cipher,
        prefix: config.QUEUE_PREFIX,
        ttlMs: idleTimeoutMs,
      }),
      flows: domain.flows.current,
      idleTimeoutMs,
      monthlyCap: config.CAMPAIGN_MONTHLY_CAP,
      invitationTemplate: {
        twilio: config.TWILIO_TEMPLATE_SURVEY_INVITATION,
        whatsappCloud: config.WHATSAPP_CLOUD_TEMPLATE_SURVEY_INVITATION,
      },
      outbound: services.outbound,
      hours: config.CAMPAIGN_HOURS,
      batchSize: config.CAMPAIGN_BATCH_SIZE,
      clock: () => new Date(),
      logger: services.logger,
    },
    config.CAMPAIGN_TICK_MS,
  );
}
