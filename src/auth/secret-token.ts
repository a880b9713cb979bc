import { createHash, randomBytes } from 'node:crypto';

/** A random token for a cookie, a link or an API key (base64url, 256 bits by default). */
export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as SHA-256: they are random, so a slow hash would add nothing. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
