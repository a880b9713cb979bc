/**
 * What each contact of the latency bench sends, in order, one message every contacts/rate seconds (10 s
 * at 100 messages/s from 1,000 contacts): a complaint, the answers to the questions that follow (a
 * category number, a place, LEWATI for the photo), STATUS, then the next complaint. Every one of these
 * is answered by the flow, so a message without a reply is a lost message.
 */
const SCRIPT = [
  'sungai keruh dan tercemar limbah tambang batubara di desa Loa Ipuh, Kukar',
  'LEWATI',
  'STATUS',
  'dana bagi hasil tambang tidak sampai ke desa kami',
  '3',
  'Kutai Timur',
  'LEWATI',
  'izin tambang nikel di kolaka utara tidak jelas, perusahaan menggali tanpa izin',
  'LEWATI',
  'debu batubara dari jalan hauling setiap hari, anak anak batuk',
  'Sangatta, Kutim',
  'LEWATI',
];

export function latencyConversation(index: number): string {
  return SCRIPT[index % SCRIPT.length] ?? '';
}

/** The contact's number: distinct per run so that nothing carries over between measured systems. */
export function latencyContactNumber(run: number, contact: number): string {
  return `+628${String(run).padStart(2, '0')}${String(contact).padStart(7, '0')}`;
}
