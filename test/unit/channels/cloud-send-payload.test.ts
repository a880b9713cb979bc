import { describe, expect, it } from 'vitest';
import { cloudSendPayload } from '../../../src/channels/whatsapp-cloud/cloud-send-payload.js';
import { readNumberedChoices } from '../../../src/channels/whatsapp-cloud/read-numbered-choices.js';

const to = '+6281377700001';
const send = (body: string) => cloudSendPayload({ channel: 'whatsapp', to, body });

describe('readNumberedChoices', () => {
  it('reads a menu the flows render, up to the end of its sentence', () => {
    expect(
      readNumberedChoices(
        'Kode K7QM4T, LINGKUNGAN. Salah kategori? Balas 2=Perizinan 3=Pendapatan 4=Lainnya. Identitas Anda dirahasiakan.',
      ),
    ).toEqual([
      { number: '2', label: 'Perizinan' },
      { number: '3', label: 'Pendapatan' },
      { number: '4', label: 'Lainnya' },
    ]);
    expect(readNumberedChoices('Benar? 1=Ya 2=Bukan')).toEqual([
      { number: '1', label: 'Ya' },
      { number: '2', label: 'Bukan' },
    ]);
  });

  it('keeps labels of several words, and ignores numbers that are not options', () => {
    expect(readNumberedChoices('Contoh: 2 Loa Ipuh, Kukar. 1=Izin tambang 2=Air sungai')).toEqual([
      { number: '1', label: 'Izin tambang' },
      { number: '2', label: 'Air sungai' },
    ]);
  });

  it('finds no menu in plain text, a single option or a gap in the numbers', () => {
    expect(readNumberedChoices('Terima kasih. Laporan Anda kami terima.')).toBeNull();
    expect(readNumberedChoices('Balas 1=Ya saja')).toBeNull();
    expect(readNumberedChoices('Balas 1=Ya 3=Tidak')).toBeNull();
    expect(readNumberedChoices('nilai 1=buruk. 2=baik')).toBeNull();
  });
});

describe('cloudSendPayload', () => {
  it('sends plain text as text', () => {
    expect(send('Di mana lokasinya?')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281377700001',
      type: 'text',
      text: { body: 'Di mana lokasinya?', preview_url: false },
    });
  });

  it('sends up to three short options as reply buttons, the numbered text as the body', () => {
    const payload = send('Laporan Anda: LINGKUNGAN. Benar? 1=Ya 2=Bukan');
    expect(payload).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Laporan Anda: LINGKUNGAN. Benar? 1=Ya 2=Bukan' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: '1', title: 'Ya' } },
            { type: 'reply', reply: { id: '2', title: 'Bukan' } },
          ],
        },
      },
    });
  });

  it('sends four to ten options as a list, and falls back to text past Meta’s limits', () => {
    expect(send('Tentang apa? 1=Perizinan 2=Lingkungan 3=Pendapatan 4=Lainnya')).toMatchObject({
      type: 'interactive',
      interactive: { type: 'list', action: { sections: [{ rows: [{ id: '1' }, {}, {}, { id: '4' }] }] } },
    });
    const long = `Pilih: ${Array.from({ length: 11 }, (_, i) => `${i + 1}=Pilihan`).join(' ')}`;
    expect(send(long)).toMatchObject({ type: 'text' });
    expect(send(`Balas 1=${'x'.repeat(25)} 2=Tidak`)).toMatchObject({ type: 'text' });
    expect(send(`${'y'.repeat(1100)} 1=Ya 2=Tidak`)).toMatchObject({ type: 'text' });
  });

  it('sends a Cloud API template with its variables in order, never an empty parameter', () => {
    const payload = cloudSendPayload({
      channel: 'whatsapp',
      to,
      body: 'ignored outside the window',
      template: { name: 'laporan_ditutup', language: 'en', variables: { '2': '', '1': 'K7QM4T' } },
    });
    expect(payload).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281377700001',
      type: 'template',
      template: {
        name: 'laporan_ditutup',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'K7QM4T' },
              { type: 'text', text: '-' },
            ],
          },
        ],
      },
    });
  });
});
