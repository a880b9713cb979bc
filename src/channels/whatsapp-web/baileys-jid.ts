/**
 * WhatsApp addresses (JIDs): people are `<digits>@s.whatsapp.net` (by phone number) or `<id>@lid` (an
 * opaque id Baileys 7 uses for many chats), groups `…@g.us`, broadcast lists and status `…@broadcast`,
 * channels `…@newsletter`. A device suffix (`:12`) may follow the user part.
 */
export type ChatKind = 'person' | 'lid' | 'group' | 'broadcast' | 'newsletter' | 'other';

export function chatKindOf(jid: string | null | undefined): ChatKind {
  const server = jid?.split('@')[1];
  if (server === 's.whatsapp.net' || server === 'c.us') return 'person';
  if (server === 'lid') return 'lid';
  if (server === 'g.us') return 'group';
  if (server === 'broadcast') return 'broadcast';
  if (server === 'newsletter') return 'newsletter';
  return 'other';
}

/** `6281234567890@s.whatsapp.net` (or `6281234567890:3@…`) → `+6281234567890`; null if not a number. */
export function phoneOfJid(jid: string | null | undefined): string | null {
  if (chatKindOf(jid) !== 'person') return null;
  const user = jid?.split('@')[0]?.split(':')[0] ?? '';
  return /^[1-9]\d{6,14}$/.test(user) ? `+${user}` : null;
}

/** `+6281234567890` → `6281234567890@s.whatsapp.net`. */
export function jidOfPhone(phone: string): string {
  return `${phone.replace(/\D/g, '')}@s.whatsapp.net`;
}
