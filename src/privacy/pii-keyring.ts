import { createHmac, hkdfSync } from 'node:crypto';

/** The id of the key in PII_KEY, and of every value sealed in the first (`v1.`) format. */
export const LEGACY_KEY_ID = '0';

/** Key ids go into every sealed value and into SQL LIKE patterns: letters, digits and '-' only. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

/** The keys that seal personal data: one current, older ones kept until `suara keys rotate` is done with them. */
export interface PiiKeyring {
  /** The id new values are sealed with. */
  currentId: string;
  /** Every configured key by id (32-byte master keys). */
  keys: ReadonlyMap<string, Buffer>;
  /**
   * The HMAC key of the lookup hash. It does not rotate: contacts are found (and their messages kept in
   * order) by hashes already stored in Postgres and Redis.
   */
  lookupKey: Buffer;
}

/** The lookup key the single-key versions derived from PII_KEY: what keeps old hashes valid. */
export function lookupKeyFromMaster(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'suara/pii/lookup', 32));
}

/** One key, the legacy `0`, which also gives the lookup key. */
export function singleKeyring(master: Buffer): PiiKeyring {
  return {
    currentId: LEGACY_KEY_ID,
    keys: new Map([[LEGACY_KEY_ID, master]]),
    lookupKey: lookupKeyFromMaster(master),
  };
}

export type KeyringResult = { ok: true; keyring: PiiKeyring } | { ok: false; error: string };

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * Builds the keyring from PII_KEYS (`id:hex,id:hex`, the current key first), PII_KEY (the legacy key
 * `0`) and PII_LOOKUP_KEY. Without PII_KEYS the legacy key is current. The lookup key defaults to the one
 * derived from the legacy key, so hashes written before rotation existed keep matching.
 */
export function buildKeyring(input: {
  legacyKey: Buffer | undefined;
  keys: string | undefined;
  lookupKey: string | undefined;
}): KeyringResult {
  const keys = new Map<string, Buffer>();
  const order: string[] = [];
  for (const entry of (input.keys ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    const hex = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!KEY_ID_PATTERN.test(id) || !HEX_KEY.test(hex)) {
      return {
        ok: false,
        error:
          'Invalid PII_KEYS: write id:key pairs, current key first, e.g. 2:<64 hex>,1:<64 hex> (ids: letters, digits, -; keys: openssl rand -hex 32). See .env.example.',
      };
    }
    if (keys.has(id)) return { ok: false, error: `Invalid PII_KEYS: the key id "${id}" appears twice.` };
    keys.set(id, Buffer.from(hex, 'hex'));
    order.push(id);
  }
  if (input.legacyKey) {
    const listed = keys.get(LEGACY_KEY_ID);
    if (listed && !listed.equals(input.legacyKey)) {
      return {
        ok: false,
        error: 'Invalid PII_KEYS: key "0" is PII_KEY; it differs from PII_KEY. Remove one of them.',
      };
    }
    if (!listed) {
      keys.set(LEGACY_KEY_ID, input.legacyKey);
      order.push(LEGACY_KEY_ID);
    }
  }
  const currentId = order[0];
  if (currentId === undefined) return { ok: false, error: 'Missing PII_KEY or PII_KEYS.' };

  let lookupKey: Buffer;
  if (input.lookupKey !== undefined) {
    if (!HEX_KEY.test(input.lookupKey)) {
      return {
        ok: false,
        error:
          'Invalid PII_LOOKUP_KEY: must be 64 hex characters, as printed by `suara keys lookup-key`. See .env.example.',
      };
    }
    lookupKey = Buffer.from(input.lookupKey, 'hex');
  } else {
    const legacy = keys.get(LEGACY_KEY_ID);
    if (!legacy) {
      return {
        ok: false,
        error:
          'Missing PII_LOOKUP_KEY: without key "0" (PII_KEY) the lookup hashes need their own key. Print it with `suara keys lookup-key` while PII_KEY is still set; on a new installation use openssl rand -hex 32.',
      };
    }
    lookupKey = lookupKeyFromMaster(legacy);
  }
  return { ok: true, keyring: { currentId, keys, lookupKey } };
}

/** A short fingerprint of a key for status output: tells keys apart without revealing them. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('suara/pii/fingerprint').digest('hex').slice(0, 8);
}
