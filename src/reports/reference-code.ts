import { randomInt } from 'node:crypto';

/**
 * Crockford base32: digits and letters without I, L, O and U, so a code read aloud or copied
 * by hand from a feature-phone screen survives 0/O and 1/I/L confusion.
 */
export const REFERENCE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_CODE_MIN_LENGTH = 6;
export const REFERENCE_CODE_MAX_LENGTH = 8;

/** Returns a uniformly random integer in [0, maxExclusive). Injected in tests; crypto-strong by default. */
export type RandomInt = (maxExclusive: number) => number;

export interface ReferenceCodeOptions {
  /** 6–8; 6 gives 32^6 ≈ 1.07 × 10^9 codes, plenty for a few thousand reports a year. */
  length?: number;
  randomInt?: RandomInt;
}

/**
 * A fresh random code. Every symbol is drawn independently from a CSPRNG, so a code says nothing
 * about when it was issued or about any other code: knowing your own code does not help guess a
 * neighbour's, which matters because STATUS replies reveal a report's progress.
 *
 * No Crockford check symbol: its extra symbols (* ~ $ = U) are awkward to type on a feature phone
 * and `~` costs two GSM-7 septets; STATUS only answers for the contact's own reports anyway, so a
 * mistyped code cannot leak someone else's report.
 */
export function generateReferenceCode(options: ReferenceCodeOptions = {}): string {
  const length = options.length ?? REFERENCE_CODE_MIN_LENGTH;
  if (!Number.isInteger(length) || length < REFERENCE_CODE_MIN_LENGTH || length > REFERENCE_CODE_MAX_LENGTH) {
    throw new RangeError(
      `reference code length must be ${REFERENCE_CODE_MIN_LENGTH}–${REFERENCE_CODE_MAX_LENGTH}, got ${length}`,
    );
  }
  const draw = options.randomInt ?? randomInt;
  let code = '';
  for (let i = 0; i < length; i += 1) {
    const index = draw(REFERENCE_CODE_ALPHABET.length);
    const symbol = REFERENCE_CODE_ALPHABET[index];
    if (symbol === undefined) throw new RangeError(`random source returned ${index}, outside 0–31`);
    code += symbol;
  }
  return code;
}

// Crockford decoding: O reads as 0, I and L as 1. U is not a symbol (it is reserved for the check
// digit), so a U means the citizen typed something else and we say so rather than guess.
const CONFUSABLES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/**
 * The canonical form of a code typed by a citizen ("k7qm-4t", "K7 QM4T", "k7qm4t"), or null when it
 * cannot be one of ours. Spaces and dashes (including typographic ones phones insert) are ignored.
 */
export function normalizeReferenceCode(input: string): string | null {
  const compact = input.replace(/[\s\-‐‑‒–—_]/g, '').toUpperCase();
  if (compact.length < REFERENCE_CODE_MIN_LENGTH || compact.length > REFERENCE_CODE_MAX_LENGTH) return null;
  let code = '';
  for (const ch of compact) {
    const symbol = CONFUSABLES[ch] ?? ch;
    if (!REFERENCE_CODE_ALPHABET.includes(symbol)) return null;
    code += symbol;
  }
  return code;
}

/**
 * Draws codes until `exists` says one is free. This only makes a collision unlikely: two workers
 * may draw the same free code at once, so the reports table's unique constraint on the code is
 * the real guarantee, and the caller retries the insert on a unique violation.
 * With 32^6 codes a retry is rare; running out of attempts means something is wrong (a broken
 * random source or `exists` always true), hence an exception rather than a result value.
 */
export async function generateUniqueReferenceCode(
  exists: (code: string) => Promise<boolean>,
  maxAttempts = 5,
  options: ReferenceCodeOptions = {},
): Promise<string> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const code = generateReferenceCode(options);
    if (!(await exists(code))) return code;
  }
  throw new Error(`no free reference code after ${maxAttempts} attempts`);
}
