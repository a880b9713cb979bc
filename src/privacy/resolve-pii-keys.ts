import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Env } from '../env-schema.js';
import { buildKeyring, type PiiKeyring } from './pii-keyring.js';

export type PiiKeysResult = { ok: true; piiKey: Buffer; piiKeys: PiiKeyring } | { ok: false; error: string };

/**
 * The keys personal data is sealed with: PII_KEY (key 0) and PII_KEYS, or outside production a
 * development key generated once and kept in PII_KEY_FILE (with a warning). Production without a key
 * is refused.
 */
export function resolvePiiKeys(
  env: Pick<Env, 'PII_KEY' | 'PII_KEYS' | 'PII_LOOKUP_KEY' | 'PII_KEY_FILE'>,
  production: boolean,
  warnings: string[],
): PiiKeysResult {
  let legacyKey: Buffer | undefined;
  if (env.PII_KEY) {
    legacyKey = Buffer.from(env.PII_KEY, 'hex');
  } else if (env.PII_KEYS && (production || /(^|,)\s*0\s*:/.test(env.PII_KEYS))) {
    // Rotated away from PII_KEY (key 0), or key 0 listed in PII_KEYS itself.
    legacyKey = undefined;
  } else if (production) {
    return {
      ok: false,
      error:
        'Missing PII_KEY: production needs a 32-byte hex key to encrypt phone numbers (openssl rand -hex 32).',
    };
  } else {
    const local = readOrCreateLocalKey(env.PII_KEY_FILE);
    if (!local.ok) return local;
    legacyKey = local.key;
    // Outside production the development key stays key 0 beside PII_KEYS, so its data stays readable.
    if (!env.PII_KEYS)
      warnings.push(
        `PII_KEY is not set: using the development key in ${env.PII_KEY_FILE}. Set PII_KEY before real use.`,
      );
  }

  const keyring = buildKeyring({ legacyKey, keys: env.PII_KEYS, lookupKey: env.PII_LOOKUP_KEY });
  if (!keyring.ok) return keyring;
  const piiKeys = keyring.keyring;
  return { ok: true, piiKeys, piiKey: piiKeys.keys.get(piiKeys.currentId) ?? Buffer.alloc(0) };
}

function readOrCreateLocalKey(path: string): { ok: true; key: Buffer } | { ok: false; error: string } {
  try {
    if (existsSync(path)) {
      const hex = readFileSync(path, 'utf8').trim();
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
        return {
          ok: false,
          error: `Invalid key in ${path}: expected 64 hex characters. Delete the file or set PII_KEY.`,
        };
      }
      return { ok: true, key: Buffer.from(hex, 'hex') };
    }
    const key = randomBytes(32);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600 });
    return { ok: true, key };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: `Cannot read or create the development PII key at ${path}: ${reason}. Set PII_KEY.`,
    };
  }
}
