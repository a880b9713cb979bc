import type { OutboundMessage } from '../channel-adapter.js';
import { readNumberedChoices } from './read-numbered-choices.js';

/** Meta's limits for interactive messages. */
const MAX_BUTTONS = 3;
const BUTTON_TITLE_MAX = 20;
const MAX_LIST_ROWS = 10;
const ROW_TITLE_MAX = 24;
const INTERACTIVE_BODY_MAX = 1024;
/** The list's opening button, in both of the flows' languages (at most 20 characters). */
const LIST_BUTTON = 'Pilih / Choose';

type Payload = Record<string, unknown>;

/**
 * The Graph API request for one reply: an approved template outside the 24-hour window; a choice
 * question as reply buttons (up to three options) or a list (up to ten), the numbered text kept as the
 * message body so nothing is lost where buttons do not show; anything else as text.
 * Buttons and rows carry the option's number as their id, so a tap comes back as the digit a citizen
 * would have typed.
 */
export function cloudSendPayload(message: OutboundMessage): Payload {
  const base = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.to.replace(/^\+/, ''),
  };
  const template = message.template;
  if (template && 'name' in template) {
    const parameters = Object.keys(template.variables)
      .sort((a, b) => Number(a) - Number(b))
      // Meta refuses an empty parameter.
      .map((key) => ({ type: 'text', text: template.variables[key] || '-' }));
    return {
      ...base,
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}),
      },
    };
  }
  const interactive = interactiveFor(message.body);
  if (interactive) return { ...base, type: 'interactive', interactive };
  return { ...base, type: 'text', text: { body: message.body, preview_url: false } };
}

function interactiveFor(body: string): Payload | null {
  if (body.length > INTERACTIVE_BODY_MAX) return null;
  const choices = readNumberedChoices(body);
  if (!choices) return null;
  if (choices.length <= MAX_BUTTONS && choices.every((c) => c.label.length <= BUTTON_TITLE_MAX)) {
    return {
      type: 'button',
      body: { text: body },
      action: {
        buttons: choices.map((c) => ({ type: 'reply', reply: { id: c.number, title: c.label } })),
      },
    };
  }
  if (choices.length <= MAX_LIST_ROWS && choices.every((c) => c.label.length <= ROW_TITLE_MAX)) {
    return {
      type: 'list',
      body: { text: body },
      action: {
        button: LIST_BUTTON,
        sections: [{ rows: choices.map((c) => ({ id: c.number, title: c.label })) }],
      },
    };
  }
  return null;
}
