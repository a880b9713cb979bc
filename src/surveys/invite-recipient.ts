import { and, eq, sql } from 'drizzle-orm';
import type { Provider } from '../channels/channel-adapter.js';
import { outsideWhatsappWindow, type TemplateIds, whatsappTemplate } from '../channels/whatsapp-template.js';
import { inviteToSurvey } from '../conversation/engine/invite-to-survey.js';
import { languageSchema } from '../conversation/flows/flow-schema.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
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
  /** The approved invitation template, for WhatsApp contacts outside the 24-hour window. */
  invitationTemplate: TemplateIds;
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
    const language = languageSchema.safeParse(contact.language);
    // Free-form WhatsApp text is refused outside 24 h of the citizen's last message: the invitation goes
    // as the approved template (its reply enters the survey like any answer), or not at all.
    const outside = contact.channel === 'whatsapp' && outsideWhatsappWindow(contact.lastInboundAt, now);
    if (outside && !whatsappTemplate(deps.invitationTemplate, contact.provider, 'id', {}))
      return skip('whatsapp_window');

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
    const body = invitation.outbound.map((o) => o.text).join('\n');
    // {{1}}: the survey's title; {{2}}: the first question, as the free-form invitation would ask it.
    const lang = language.success ? language.data : 'id';
    const title = deps.flows().flows[campaign.surveyId]?.survey?.title[lang] ?? campaign.surveyId;
    const template = outside
      ? whatsappTemplate(deps.invitationTemplate, contact.provider, lang, { '1': title, '2': body })
      : null;
    const [message] = await tx
      .insert(messages)
      .values({
        direction: 'outbound',
        channel: contact.channel,
        provider: contact.provider,
        contactId,
        body,
        template,
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
