import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts contact addresses at rest and derives the keyed hash used to look them up. */
export interface PiiCipher {
  /** AES-256-GCM; output is `v1.<base64 iv|tag|ciphertext>`, a fresh IV each time. */
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** HMAC-SHA256 (hex): equal inputs give equal hashes, so it can back a unique index. */
  hash(plain: string): string;
}

/** Separate sub-keys for encryption and hashing, so one never weakens the other. */
export function createPiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== 32) throw new Error('PII key must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'suara/pii/encrypt', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'suara/pii/lookup', 32));

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, payload] = sealed.split('.', 2);
      if (version !== VERSION || !payload) throw new Error('Unknown PII ciphertext format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain, 'utf8').digest('hex');
    },
  };
}
