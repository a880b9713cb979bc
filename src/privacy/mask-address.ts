/** Shows only the last three digits of a phone number, for places where a person must recognise it. */
export function maskAddress(address: string): string {
  const digits = address.replace(/\D/g, '');
  if (digits.length <= 3) return '•••';
  return `${'•'.repeat(Math.min(digits.length - 3, 9))}${digits.slice(-3)}`;
}
