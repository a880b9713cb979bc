import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { freshIv } from './fresh-iv.js';
import { LEGACY_KEY_ID, type PiiKeyring, singleKeyring } from './pii-keyring.js';

/** The first format, written before keys had ids: `v1.<base64>`, always sealed with the legacy key. */
const LEGACY_VERSION = 'v1';
/** `v2.<key id>.<base64 iv|tag|ciphertext>`. */
const VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts contact addresses at rest and derives the keyed hash used to look them up. */
export interface PiiCipher {
  /** AES-256-GCM with the current key; output is `v2.<key id>.<base64 iv|tag|ciphertext>`, a fresh IV each time. */
  encrypt(plain: string): string;
  /** Opens a value sealed with any configured key (`v1.…` values with the legacy key `0`). */
  decrypt(sealed: string): string;
  /**
   * HMAC-SHA256 (hex): equal inputs give equal hashes, so it can back a unique index. Its key does not
   * rotate with the encryption keys (see PiiKeyring.lookupKey): contacts are found by it.
   */
  hash(plain: string): string;
  /** The id of the key new values are sealed with. */
  readonly currentKeyId: string;
  /** The id of the key a sealed value names, or null when the value is not in a known format. */
  keyIdOf(sealed: string): string | null;
  /** The value sealed again with the current key, or null when it already is. */
  reseal(sealed: string): string | null;
}

/** HKDF sub-keys: encryption and hashing never share key material. */
function encryptionKeyOf(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'suara/pii/encrypt', 32));
}

/**
 * A cipher over a keyring (current key plus older ones still to be rotated away), or over one 32-byte
 * key, which then is the legacy key `0` and the source of the lookup key.
 */
export function createPiiCipher(keys: Buffer | PiiKeyring): PiiCipher {
  const ring = Buffer.isBuffer(keys) ? singleKeyring(keys) : keys;
  const encKeys = new Map<string, Buffer>();
  for (const [id, master] of ring.keys) {
    if (master.length !== 32) throw new Error('PII key must be 32 bytes');
    encKeys.set(id, encryptionKeyOf(master));
  }
  const currentKey = encKeys.get(ring.currentId);
  if (!currentKey) throw new Error('the current PII key is not in the keyring');
  if (ring.lookupKey.length !== 32) throw new Error('PII lookup key must be 32 bytes');
  const macKey = ring.lookupKey;

  const parse = (sealed: string): { id: string; payload: string } | null => {
    const first = sealed.indexOf('.');
    if (first < 0) return null;
    const version = sealed.slice(0, first);
    if (version === LEGACY_VERSION) return { id: LEGACY_KEY_ID, payload: sealed.slice(first + 1) };
    if (version !== VERSION) return null;
    const second = sealed.indexOf('.', first + 1);
    if (second < 0) return null;
    return { id: sealed.slice(first + 1, second), payload: sealed.slice(second + 1) };
  };

  const cipher: PiiCipher = {
    currentKeyId: ring.currentId,
    encrypt(plain) {
      const iv = freshIv(IV_BYTES);
      const aes = createCipheriv('aes-256-gcm', currentKey, iv);
      const body = Buffer.concat([aes.update(plain, 'utf8'), aes.final()]);
      const payload = Buffer.concat([iv, aes.getAuthTag(), body]).toString('base64');
      return `${VERSION}.${ring.currentId}.${payload}`;
    },
    decrypt(sealed) {
      const parsed = parse(sealed);
      if (!parsed?.payload) throw new Error('Unknown PII ciphertext format');
      const key = encKeys.get(parsed.id);
      // The id only, never the value: error messages end up in logs and job records.
      if (!key) throw new Error(`PII key "${parsed.id}" is not configured (see PII_KEYS)`);
      const raw = Buffer.from(parsed.payload, 'base64');
      const aes = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      aes.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([aes.update(raw.subarray(IV_BYTES + TAG_BYTES)), aes.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest('hex');
    },
    keyIdOf(sealed) {
      return parse(sealed)?.id ?? null;
    },
    reseal(sealed) {
      const parsed = parse(sealed);
      if (parsed && sealed.startsWith(`${VERSION}.`) && parsed.id === ring.currentId) return null;
      return cipher.encrypt(cipher.decrypt(sealed));
    },
  };
  return cipher;
}

/** The SQL LIKE pattern of values already sealed with the key `id` (ids hold no LIKE wildcards). */
export function sealedWithPattern(id: string): string {
  return `${VERSION}.${id}.%`;
}
