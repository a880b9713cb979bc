import { eq, sql } from 'drizzle-orm';
import { outsideWhatsappWindow, whatsappTemplate } from '../channels/whatsapp-template.js';
import type { Language } from '../conversation/flows/flow-schema.js';
import type { FlowSet } from '../conversation/flows/flow-set.js';
import type { SystemMessageKey } from '../conversation/flows/keywords-schema.js';
import { systemText } from '../conversation/flows/system-text.js';
import type { DbExecutor } from '../db/database.js';
import { contacts } from '../db/schema/contacts.js';
import { type MessageStatus, type MessageTemplate, messages } from '../db/schema/messages.js';
import type { ReportRow } from '../db/schema/reports.js';

export type CitizenMessageKind = Extract<
  SystemMessageKey,
  'notify_validated' | 'notify_in_follow_up' | 'notify_closed' | 'staff_message'
>;

/** Approved templates per kind, for WhatsApp outside the 24-hour window, by the provider that sends them. */
export interface NotificationTemplates {
  /** Twilio Content API template ids (HX…). */
  twilio: Partial<Record<CitizenMessageKind, string>>;
  /** WhatsApp Cloud API template names, approved in Indonesian (`id`) and English (`en`). */
  whatsappCloud: Partial<Record<CitizenMessageKind, string>>;
}

export interface NotifierOptions {
  flows: () => FlowSet;
  templates: NotificationTemplates;
}

export type Delivery =
  | { state: 'queued'; messageId: string; provider: string }
  | { state: 'held'; messageId: string }
  | { state: 'skipped'; reason: 'opted_out' };

/**
 * Stores a message to the citizen behind a report, on the channel they used, in their language. The
 * caller enqueues `queued` ones after its transaction commits; `held` ones wait for the citizen to
 * write again (WhatsApp window closed, no template configured).
 */
export async function storeCitizenMessage(
  tx: DbExecutor,
  options: NotifierOptions,
  report: ReportRow,
  kind: CitizenMessageKind,
  vars: Record<string, string>,
  now: Date,
): Promise<Delivery> {
  const [contact] = await tx.select().from(contacts).where(eq(contacts.id, report.contactId));
  if (!contact) throw new Error('report without contact');
  if (contact.optedOut) return { state: 'skipped', reason: 'opted_out' };
  const language: Language =
    contact.language === 'en' || contact.language === 'id'
      ? contact.language
      : report.language === 'en'
        ? 'en'
        : 'id';
  const body = systemText(options.flows(), language, kind, { code: report.referenceCode, ...vars });

  let status: MessageStatus = 'queued';
  let template: MessageTemplate | null = null;
  if (contact.channel === 'whatsapp' && outsideWhatsappWindow(contact.lastInboundAt, now)) {
    const ids = {
      twilio: options.templates.twilio[kind],
      whatsappCloud: options.templates.whatsappCloud[kind],
    };
    const variables = { '1': report.referenceCode, '2': vars.note ?? vars.text ?? '' };
    template = whatsappTemplate(ids, contact.provider, language, variables);
    if (!template) status = 'held';
  }
  const [row] = await tx
    .insert(messages)
    .values({
      direction: 'outbound',
      channel: contact.channel,
      provider: contact.provider,
      contactId: contact.id,
      reportId: report.id,
      body,
      status,
      template,
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: messages.id });
  if (!row) throw new Error('message insert returned nothing');
  return status === 'held'
    ? { state: 'held', messageId: row.id }
    : { state: 'queued', messageId: row.id, provider: contact.provider };
}
