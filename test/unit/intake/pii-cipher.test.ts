import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskAddress } from '../../../src/privacy/mask-address.js';
import { createPiiCipher } from '../../../src/privacy/pii-cipher.js';

describe('createPiiCipher', () => {
  const cipher = createPiiCipher(randomBytes(32));

  it('round-trips and uses a fresh IV each time', () => {
    const a = cipher.encrypt('+6281234567890');
    const b = cipher.encrypt('+6281234567890');
    expect(a).not.toBe(b);
    expect(a).not.toContain('81234567890');
    expect(cipher.decrypt(a)).toBe('+6281234567890');
  });

  it('detects tampering', () => {
    const sealed = cipher.encrypt('+6281234567890');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64')}`)).toThrow();
  });

  it('hashes deterministically per key', () => {
    expect(cipher.hash('+62812')).toBe(cipher.hash('+62812'));
    expect(cipher.hash('+62812')).not.toBe(createPiiCipher(randomBytes(32)).hash('+62812'));
    expect(cipher.hash('+62812')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot decrypt with another key', () => {
    const other = createPiiCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('+62812'))).toThrow();
  });
});

describe('maskAddress', () => {
  it('keeps only the last three digits', () => {
    expect(maskAddress('+6281234567890')).toBe('•••••••••890');
    expect(maskAddress('12')).toBe('•••');
  });
});
