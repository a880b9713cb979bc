import { randomBytes } from 'node:crypto';
import { REFERENCE_CODE_ALPHABET as ALPHABET } from '../reports/reference-code.js';

/** A random, meaningless handle such as `W-7K3Q9XMA` that logs, exports and the UI use instead of the number. */
export function newContactPseudonym(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return `W-${out}`;
}
