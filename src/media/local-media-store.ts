import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type MediaStore, SHA256_HEX } from './media-store.js';

/**
 * The media store as a local directory (MEDIA_DIR): `<dir>/ab/cd/<sha256>`, two levels of fan-out so no
 * directory grows huge. A file is written under a temporary name in the same directory, synced, then
 * renamed: readers see the whole file or none. The name is the hash — never a number, never a file name
 * the citizen chose.
 */
export function createLocalMediaStore(dir: string): MediaStore {
  // Created when the process starts, so a directory that cannot be made fails at boot, not per photo.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pathOf = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a SHA-256 media id');
    return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const sizeOf = async (path: string): Promise<number | null> => {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };

  return {
    async put(sha256, bytes) {
      const path = pathOf(sha256);
      const existing = await sizeOf(path);
      if (existing !== null) return { created: false, sizeBytes: existing };
      const folder = join(path, '..');
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const temporary = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      const file = await open(temporary, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      try {
        for await (const chunk of Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          hash.update(buffer);
          size += buffer.length;
          await file.write(buffer);
        }
        await file.sync();
      } catch (error) {
        await file.close();
        await rm(temporary, { force: true });
        throw error;
      }
      await file.close();
      if (hash.digest('hex') !== sha256) {
        await rm(temporary, { force: true });
        throw new Error('media bytes do not match their SHA-256 id');
      }
      // Two workers storing the same photo at once both rename onto the same path: the same bytes.
      await rename(temporary, path);
      return { created: true, sizeBytes: size };
    },

    async get(sha256) {
      const path = pathOf(sha256);
      const size = await sizeOf(path);
      return size === null ? null : { sizeBytes: size, body: createReadStream(path) };
    },

    async has(sha256) {
      return (await sizeOf(pathOf(sha256))) !== null;
    },

    async delete(sha256) {
      try {
        await unlink(pathOf(sha256));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
