import type { Language } from '../conversation/flows/flow-schema.js';
import type { MessageTemplate } from '../db/schema/messages.js';

/** WhatsApp allows free-form messages only within 24 hours of the citizen's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/** One notification's approved template, per provider that sends templates. */
export interface TemplateIds {
  /** Twilio Content API template id (HX…). */
  twilio?: string | undefined;
  /** WhatsApp Cloud API template name, approved in `id` and `en`. */
  whatsappCloud?: string | undefined;
}

/** Whether a free-form WhatsApp message to a contact who last wrote at `lastInboundAt` is refused now. */
export function outsideWhatsappWindow(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt === null || now.getTime() - lastInboundAt.getTime() >= WHATSAPP_WINDOW_MS;
}

/** The template a provider sends in place of free-form text outside the window; null when none is set. */
export function whatsappTemplate(
  ids: TemplateIds,
  provider: string,
  language: Language,
  variables: Record<string, string>,
): MessageTemplate | null {
  if (provider === 'twilio' && ids.twilio) return { contentSid: ids.twilio, variables };
  if (provider === 'whatsapp-cloud' && ids.whatsappCloud)
    return { name: ids.whatsappCloud, language, variables };
  return null;
}
