import type { Readable } from 'node:stream';

/**
 * Where downloaded media lives, content-addressed: a file's id is the SHA-256 (hex) of its bytes, so the
 * same photo sent twice is stored once. The local directory is the default; an S3-compatible bucket can
 * implement the same four calls (`put` to a temporary key and copy, or a conditional put).
 */
export interface MediaStore {
  /**
   * Stores the bytes under `sha256` unless they are there already. The store checks the bytes against
   * the id while writing and refuses a mismatch; a partial write never becomes visible.
   */
  put(sha256: string, bytes: Readable | Buffer): Promise<{ created: boolean; sizeBytes: number }>;
  /** The bytes, or null when no file has this id. */
  get(sha256: string): Promise<{ sizeBytes: number; body: Readable } | null>;
  has(sha256: string): Promise<boolean>;
  /** Removes the file (when no message refers to it any more); false when it was not there. */
  delete(sha256: string): Promise<boolean>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
