import { describe, expect, it } from 'vitest';
import { CONNECTION_KINDS } from '../../../src/channels/whatsapp-web/connection-kind.js';
import { LINK_REFUSALS } from '../../../src/channels/whatsapp-web/whatsapp-web-link-service.js';
import { hasWhatsappWebText, whatsappWebTexts } from '../../../src/ui/pages/whatsapp-web-texts.js';

// The WhatsApp Web page labels connection states and refusals by building a key from the value.
describe('WhatsApp Web page labels', () => {
  const labelled = [
    ...CONNECTION_KINDS.map((kind) => `conn_${kind}`),
    ...LINK_REFUSALS.map((reason) => `refused_${reason}`),
  ];
  it.each(labelled)('has a text in Bahasa Indonesia and English for %s', (key) => {
    expect(hasWhatsappWebText(key)).toBe(true);
  });
  it('has English texts, not copies of the Indonesian ones', () => {
    const id = whatsappWebTexts('id');
    const en = whatsappWebTexts('en');
    expect(id('refused_busy')).not.toBe(en('refused_busy'));
    expect(id('conn_connected')).not.toBe(en('conn_connected'));
  });
});
