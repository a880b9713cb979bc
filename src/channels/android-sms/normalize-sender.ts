/**
 * A citizen's number as the phone reported it (+6281…, 6281…, 081…, 0062…) in E.164 form, or null for
 * senders that are not a person's number: operator notices ("TELKOMSEL"), short codes. Those are not
 * answered — a reply to a premium short code can cost money or subscribe the SIM to something.
 */
export function normalizeSender(sender: string, defaultCountryCode: string): string | null {
  const compact = sender.replace(/[\s().-]/g, '');
  let digits: string;
  if (/^\+\d+$/.test(compact)) digits = compact.slice(1);
  else if (/^00\d+$/.test(compact)) digits = compact.slice(2);
  else if (/^0\d+$/.test(compact)) digits = `${defaultCountryCode}${compact.slice(1)}`;
  else if (/^\d+$/.test(compact) && compact.startsWith(defaultCountryCode)) digits = compact;
  else return null;
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}
