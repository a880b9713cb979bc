import { and, eq, sql } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import { languageSchema } from '../conversation/flow-schema.js';
import type { FlowSet } from '../conversation/flow-set.js';
import { inviteToSurvey } from '../conversation/invite-to-survey.js';
import type { Db } from '../db/database.js';
import { type CampaignRow, campaignRecipients } from '../db/schema/campaigns.js';
import { contacts } from '../db/schema/contacts.js';
import { messages } from '../db/schema/messages.js';
import type { SessionStore } from '../sessions/session-store.js';
import { consentStateOf } from './consent-repository.js';

export interface InviteDeps {
  db: Db;
  sessions: SessionStore;
  flows: () => FlowSet;
  idleTimeoutMs: number;
  monthlyCap: number;
}

export type InviteOutcome =
  | { sent: true; provider: Provider; messageId: string }
  | {
      sent: false;
      reason:
        | 'no_consent'
        | 'opted_out'
        | 'monthly_cap'
        | 'busy'
        | 'unknown_survey'
        | 'whatsapp_window'
        | 'gone';
    };

const WHATSAPP_WINDOW_MS = 24 * 3600_000;

/**
 * Invites one recipient in one transaction: the contact row is locked (as an inbound message's
 * transaction locks it), consent, opt-out and the monthly cap are checked again at send time, and the
 * session, the stored invitation and the recipient's status commit together. The caller enqueues the
 * message after the commit; the outbox sweeper catches one that was not.
 */
export async function inviteRecipient(
  deps: InviteDeps,
  campaign: CampaignRow,
  contactId: string,
  now: Date,
  monthStart: Date,
): Promise<InviteOutcome> {
  return deps.db.transaction(async (tx) => {
    const [recipient] = await tx
      .select({ status: campaignRecipients.status })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.contactId, contactId)))
      .for('update');
    if (recipient?.status !== 'pending') return { sent: false, reason: 'gone' } as const;
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, contactId)).for('update');
    const skip = async (reason: Exclude<InviteOutcome, { sent: true }>['reason']) => {
      await tx
        .update(campaignRecipients)
        .set({ status: 'skipped', reason })
        .where(
          and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.contactId, contactId)),
        );
      return { sent: false, reason } as const;
    };
    if (!contact) return skip('gone');
    if (contact.optedOut) return skip('opted_out');
    if ((await consentStateOf(tx, contactId)) !== 'given') return skip('no_consent');
    const [{ invited } = { invited: 0 }] = (
      await tx.execute<{ invited: number }>(sql`
        select count(*)::int as invited from campaign_recipients
        where contact_id = ${contactId} and status = 'sent' and invited_at >= ${monthStart.toISOString()}`)
    ).rows;
    if (invited >= deps.monthlyCap) return skip('monthly_cap');
    // Free-form WhatsApp text is refused outside 24 h of the citizen's last message (Twilio 63016).
    if (
      contact.channel === 'whatsapp' &&
      (!contact.lastInboundAt || now.getTime() - contact.lastInboundAt.getTime() > WHATSAPP_WINDOW_MS)
    )
      return skip('whatsapp_window');

    const language = languageSchema.safeParse(contact.language);
    const session = await deps.sessions.load(tx, contactId);
    const invitation = inviteToSurvey(deps.flows(), session, {
      surveyId: campaign.surveyId,
      campaignId: campaign.id,
      channel: contact.channel === 'whatsapp' ? 'whatsapp' : 'sms',
      language: language.success ? language.data : 'id',
      now,
      idleTimeoutMs: deps.idleTimeoutMs,
    });
    // In the middle of another conversation: left pending, tried again on a later pass (sessions go
    // idle after a day at most), so a complaint in progress is never cut off by an invitation.
    if (!invitation.ok && invitation.reason === 'busy') return { sent: false, reason: 'busy' } as const;
    if (!invitation.ok) return skip(invitation.reason);
    await deps.sessions.save(tx, contactId, invitation.session);
    const [message] = await tx
      .insert(messages)
      .values({
        direction: 'outbound',
        channel: contact.channel,
        provider: contact.provider,
        contactId,
        body: invitation.outbound.map((o) => o.text).join('\n'),
        status: 'queued',
        createdAt: sql`clock_timestamp()`,
      })
      .returning({ id: messages.id });
    if (!message) throw new Error('invitation insert returned nothing');
    await tx
      .update(campaignRecipients)
      .set({ status: 'sent', messageId: message.id, invitedAt: now })
      .where(
        and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.contactId, contactId)),
      );
    return { sent: true, provider: contact.provider as Provider, messageId: message.id } as const;
  });
}
