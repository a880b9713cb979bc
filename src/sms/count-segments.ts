import { gsmAlphabet } from './gsm-alphabet.js';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** How many SMS the text is billed as; 0 for an empty text, which is never sent. */
  segments: number;
  /** Capacity of one segment at this length: 160/70 when it fits in one, else 153/67. */
  perSegment: number;
  /** Characters that force UCS-2, each listed once in order of appearance, so a linter can point at them. */
  nonGsmChars: string[];
}

// A concatenated SMS spends 6 bytes of each segment on the user data header (UDH),
// leaving 153 septets or 67 UCS-2 code units.
const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

/**
 * Counts the SMS segments a text costs the way a handset or gateway splits it: an escape pair
 * (GSM-7 extension character) or a surrogate pair (emoji) is never split across two segments,
 * so a part may carry fewer units than its capacity.
 */
export function countSegments(text: string): SegmentCount {
  const nonGsm = new Set<string>();
  // Iterating a string yields code points, so an emoji is one "character" here.
  const chars = [...text];
  for (const ch of chars) {
    if (!gsmAlphabet.basic.has(ch) && !gsmAlphabet.extension.has(ch)) nonGsm.add(ch);
  }
  const encoding: SmsEncoding = nonGsm.size > 0 ? 'UCS-2' : 'GSM-7';
  const sizes = chars.map((ch) => unitSize(ch, encoding));
  const units = sizes.reduce((sum, n) => sum + n, 0);
  const limits = LIMITS[encoding];
  const nonGsmChars = [...nonGsm];

  if (units === 0) return { encoding, units, segments: 0, perSegment: limits.single, nonGsmChars };
  if (units <= limits.single) return { encoding, units, segments: 1, perSegment: limits.single, nonGsmChars };

  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > limits.multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments, perSegment: limits.multi, nonGsmChars };
}

function unitSize(ch: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return ch.length;
  return gsmAlphabet.extension.has(ch) ? 2 : 1;
}
