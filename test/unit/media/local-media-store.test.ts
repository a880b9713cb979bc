import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalMediaStore } from '../../../src/media/local-media-store.js';
import type { MediaStore } from '../../../src/media/media-store.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('the local media store', () => {
  let dir: string;
  let store: MediaStore;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'suara-store-')), 'nested', 'media');
    store = createLocalMediaStore(dir);
  });
  afterEach(async () => {
    await rm(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('creates its directory and stores bytes once under their SHA-256', async () => {
    const bytes = Buffer.from('a photo of a muddy river');
    const id = sha(bytes);
    expect(await store.put(id, bytes)).toEqual({ created: true, sizeBytes: bytes.length });
    expect(await store.put(id, Readable.from([bytes]))).toEqual({ created: false, sizeBytes: bytes.length });
    expect(await store.has(id)).toBe(true);
    const got = await store.get(id);
    expect(got?.sizeBytes).toBe(bytes.length);
    expect((await readAll(got?.body ?? Readable.from([]))).equals(bytes)).toBe(true);
    const files = await readdir(dir, { recursive: true });
    expect(files).toContain(join(id.slice(0, 2), id.slice(2, 4), id));
    // Only the file: no temporary left behind.
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses bytes that do not match their id, leaving nothing behind', async () => {
    const id = sha(Buffer.from('one thing'));
    await expect(store.put(id, Buffer.from('another thing'))).rejects.toThrow(/do not match/);
    expect(await store.has(id)).toBe(false);
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    expect(files.filter((f) => f.isFile())).toEqual([]);
  });

  it('deletes by id, and refuses ids that are not a SHA-256 (no path tricks)', async () => {
    const bytes = Buffer.from('voice note');
    const id = sha(bytes);
    await store.put(id, bytes);
    expect(await store.delete(id)).toBe(true);
    expect(await store.delete(id)).toBe(false);
    expect(await store.get(id)).toBeNull();
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });
});
