import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createPiiCipher } from '../../../src/privacy/pii-cipher.js';
import { buildKeyring, lookupKeyFromMaster } from '../../../src/privacy/pii-keyring.js';

/** A value sealed the way the single-key versions sealed it: `v1.<base64 iv|tag|ciphertext>`. */
function sealV1(master: Buffer, plain: string): string {
  const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'suara/pii/encrypt', 32));
  const iv = randomBytes(12);
  const aes = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([aes.update(plain, 'utf8'), aes.final()]);
  return `v1.${Buffer.concat([iv, aes.getAuthTag(), body]).toString('base64')}`;
}

const hex = (key: Buffer) => key.toString('hex');

describe('PII keys with ids', () => {
  const old = randomBytes(32);
  const fresh = randomBytes(32);

  it('opens the old v1 format with the legacy key and seals with the current key id', () => {
    const legacy = sealV1(old, '+6281234567890');
    const single = createPiiCipher(old);
    expect(single.decrypt(legacy)).toBe('+6281234567890');
    const ring = buildKeyring({ legacyKey: old, keys: `2:${hex(fresh)}`, lookupKey: undefined });
    if (!ring.ok) throw new Error(ring.error);
    const cipher = createPiiCipher(ring.keyring);
    expect(cipher.currentKeyId).toBe('2');
    expect(cipher.decrypt(legacy)).toBe('+6281234567890');
    const sealed = cipher.encrypt('+6281234567890');
    expect(sealed.startsWith('v2.2.')).toBe(true);
    expect(cipher.keyIdOf(sealed)).toBe('2');
    expect(cipher.keyIdOf(legacy)).toBe('0');
    expect(cipher.decrypt(sealed)).toBe('+6281234567890');
    // The old single-key cipher cannot open what the new key sealed, and says which key is missing.
    expect(() => single.decrypt(sealed)).toThrow(/PII key "2" is not configured/);
  });

  it('keeps lookup hashes equal across rotation, and after the old key is removed', () => {
    const before = createPiiCipher(old);
    const rotating = buildKeyring({ legacyKey: old, keys: `2:${hex(fresh)}`, lookupKey: undefined });
    const removed = buildKeyring({
      legacyKey: undefined,
      keys: `2:${hex(fresh)}`,
      lookupKey: hex(lookupKeyFromMaster(old)),
    });
    if (!rotating.ok || !removed.ok) throw new Error('keyring');
    expect(createPiiCipher(rotating.keyring).hash('+62812')).toBe(before.hash('+62812'));
    expect(createPiiCipher(removed.keyring).hash('+62812')).toBe(before.hash('+62812'));
  });

  it('reseals onto the current key and leaves current values alone', () => {
    const ring = buildKeyring({ legacyKey: old, keys: `2:${hex(fresh)}`, lookupKey: undefined });
    if (!ring.ok) throw new Error(ring.error);
    const cipher = createPiiCipher(ring.keyring);
    const resealed = cipher.reseal(sealV1(old, 'rahasia'));
    expect(resealed && cipher.keyIdOf(resealed)).toBe('2');
    expect(resealed && cipher.decrypt(resealed)).toBe('rahasia');
    expect(resealed && cipher.reseal(resealed)).toBeNull();
  });

  it('reads PII_KEYS, PII_KEY and PII_LOOKUP_KEY from the environment', () => {
    const config = loadConfig({ PII_KEY: hex(old), PII_KEYS: `b:${hex(fresh)}` });
    if (!config.ok) throw new Error(config.error);
    expect(config.config.piiKeys.currentId).toBe('b');
    expect([...config.config.piiKeys.keys.keys()]).toEqual(['b', '0']);
    expect(config.config.piiKey.equals(fresh)).toBe(true);
    expect(Object.keys(config.config)).not.toContain('PII_KEYS');

    const missingLookup = loadConfig({ NODE_ENV: 'production', PII_KEYS: `b:${hex(fresh)}` });
    expect(missingLookup.ok).toBe(false);
    if (!missingLookup.ok) expect(missingLookup.error).toMatch(/^Missing PII_LOOKUP_KEY/);

    const bad = loadConfig({ PII_KEY: hex(old), PII_KEYS: 'b:short' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Invalid PII_KEYS/);

    const twice = loadConfig({ PII_KEYS: `a:${hex(fresh)},a:${hex(old)}`, PII_LOOKUP_KEY: hex(old) });
    expect(twice.ok).toBe(false);

    const clash = loadConfig({ PII_KEY: hex(old), PII_KEYS: `0:${hex(fresh)}` });
    expect(clash.ok).toBe(false);
  });

  it('keeps the development key file as key 0 beside PII_KEYS outside production', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'suara-keys-')), 'pii-key');
    const first = loadConfig({ PII_KEY_FILE: file });
    const rotated = loadConfig({ PII_KEY_FILE: file, PII_KEYS: `1:${hex(fresh)}` });
    if (!first.ok || !rotated.ok) throw new Error('config');
    expect(rotated.config.piiKeys.currentId).toBe('1');
    expect(rotated.config.piiKeys.keys.get('0')?.equals(first.config.piiKey)).toBe(true);
    const before = createPiiCipher(first.config.piiKeys);
    const after = createPiiCipher(rotated.config.piiKeys);
    expect(after.decrypt(before.encrypt('+62812'))).toBe('+62812');
    expect(after.hash('+62812')).toBe(before.hash('+62812'));
  });
});
