/** Replaces anything that looks like a phone number: provider error texts may quote the recipient's ("The 'To' number +62… is not valid"). */
export function scrubNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s-]{5,}\d/g, '[number]');
}
