import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAllowedMediaType } from '../../../src/media/allowed-media-type.js';
import { readLimited } from '../../../src/media/read-limited.js';

async function* chunks(count: number, size: number, seen: { n: number }) {
  for (let i = 0; i < count; i++) {
    seen.n += 1;
    yield new Uint8Array(size).fill(i);
  }
}

describe('reading a download up to a limit', () => {
  it('reads and hashes a body within the limit', async () => {
    const seen = { n: 0 };
    const result = await readLimited(chunks(3, 10, seen), 30);
    if (!result.ok) throw new Error('refused');
    expect(result.bytes.length).toBe(30);
    expect(result.sha256).toBe(createHash('sha256').update(result.bytes).digest('hex'));
  });

  it('stops at the first chunk past the limit instead of reading the rest', async () => {
    const seen = { n: 0 };
    const result = await readLimited(chunks(1000, 10, seen), 25);
    expect(result).toEqual({ ok: false, readBytes: 30 });
    expect(seen.n).toBe(3);
  });
});

describe('the media types Suara stores', () => {
  it.each([
    ['image/jpeg', true],
    ['image/png; charset=binary', true],
    ['audio/ogg; codecs=opus', true],
    ['video/mp4', true],
    ['application/pdf', true],
    ['APPLICATION/PDF', true],
    ['application/x-msdownload', false],
    ['application/zip', false],
    ['text/html', false],
    ['', false],
  ])('%s → %s', (type, allowed) => {
    expect(isAllowedMediaType(type)).toBe(allowed);
  });
});
