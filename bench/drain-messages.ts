import type { InboundMessage } from '../src/channels/channel-adapter.js';

/**
 * What each contact of the drain bench sends, in order: complaints that make reports (with and without
 * a place), answers to the questions that follow, STATUS and small talk. Spaced 20 s apart in the past,
 * like a backlog of citizens typing: no two are joined into one turn, no flood limit is reached.
 */
const SCRIPT = [
  'sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar',
  '1',
  'IKUT',
  'izin tambang nikel di kolaka utara tidak jelas, perusahaan menggali tanpa izin',
  'Kolaka Utara',
  'STATUS',
  'dana bagi hasil tambang tidak sampai ke desa kami',
  'desa Lampenai',
  'terima kasih',
  'debu batubara dari jalan hauling setiap hari, anak anak batuk',
];
export const MESSAGES_PER_CONTACT = SCRIPT.length;
const SPACING_MS = 20_000;

export function drainMessage(contact: number, index: number, startMs: number): InboundMessage {
  return {
    provider: 'twilio',
    channel: 'sms',
    providerMessageId: `SMdrain${String(contact).padStart(6, '0')}${String(index).padStart(3, '0')}`,
    from: `+62813${String(contact).padStart(7, '0')}`,
    to: '+15005550006',
    body: SCRIPT[index % SCRIPT.length] ?? '',
    media: [],
    receivedAt: new Date(startMs + index * SPACING_MS).toISOString(),
  };
}
