/** Suara's own number, shown in status details: `+62812…7890` (it is the organisation's, but kept short). */
export function maskOwnNumber(jid: string | null | undefined): string {
  const digits = jid?.split('@')[0]?.split(':')[0] ?? '';
  return /^\d{8,15}$/.test(digits) ? `+${digits.slice(0, 5)}…${digits.slice(-4)}` : 'unknown';
}
