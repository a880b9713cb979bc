import { recordAudit } from '../audit/append-audit.js';
import type { Logger } from '../logger.js';
import { enqueueReplies } from '../pipeline/enqueue-replies.js';
import type { OutboundProducer } from '../pipeline/outbound-producer.js';
import { provinceTimeZone } from '../triage/province-time-zone.js';
import { type AllowedHours, isWithinHours, monthStart } from './allowed-hours.js';
import { dueCampaigns, pendingRecipients, setCampaignStatus } from './campaign-repository.js';
import { type InviteDeps, inviteRecipient } from './invite-recipient.js';

export interface CampaignSenderDeps extends InviteDeps {
  outbound: OutboundProducer;
  hours: AllowedHours;
  batchSize: number;
  clock: () => Date;
  logger: Logger;
}

/**
 * One pass of the campaign sender: for each campaign whose start has come, and only within the allowed
 * hours of its province's local time, invites up to `batchSize` pending recipients and hands the
 * invitations to the outbound queue, whose per-provider rate limit paces the actual sending.
 * Returns how many invitations were queued.
 */
export async function sendDueInvitations(deps: CampaignSenderDeps): Promise<number> {
  const now = deps.clock();
  let queued = 0;
  for (const campaign of await dueCampaigns(deps.db, now)) {
    const zone = provinceTimeZone(campaign.provinceCode);
    if (!isWithinHours(now, zone, deps.hours)) continue;
    if (
      campaign.status === 'scheduled' &&
      (await setCampaignStatus(deps.db, campaign.id, 'sending', ['scheduled']))
    ) {
      await recordAudit(deps.db, {
        actorUserId: null,
        actor: 'system',
        action: 'campaign.send',
        subjectType: 'campaign',
        subjectId: campaign.id,
        after: { status: 'sending', recipients: campaign.estimate.recipients },
        at: now,
      });
    }
    const batch = await pendingRecipients(deps.db, campaign.id, deps.batchSize);
    if (batch.length === 0) {
      await setCampaignStatus(deps.db, campaign.id, 'done', ['sending', 'scheduled']);
      deps.logger.info({ campaign: campaign.id }, 'campaign sent');
      continue;
    }
    const month = monthStart(now, zone);
    for (const contactId of batch) {
      const outcome = await inviteRecipient(deps, campaign, contactId, now, month);
      if (!outcome.sent) continue;
      queued += 1;
      try {
        await enqueueReplies(deps.db, deps.outbound, outcome.provider, [outcome.messageId]);
      } catch (error) {
        // Stored as queued: the outbox sweeper sends it once Redis answers again.
        deps.logger.warn(
          { campaign: campaign.id, err: String(error) },
          'invitation left to the outbox sweeper',
        );
      }
    }
  }
  return queued;
}

/** Runs the sender every `intervalMs`, one pass at a time. */
export function startCampaignSender(deps: CampaignSenderDeps, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await sendDueInvitations(deps);
      } catch (error) {
        deps.logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'campaign sender failed',
        );
      }
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
