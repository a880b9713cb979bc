import { describe, expect, it } from 'vitest';
import { freshIv } from '../../../src/privacy/fresh-iv.js';

describe('freshIv', () => {
  it('never hands out the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    // 2,000 × 12 bytes spans several 4 KiB pools.
    for (let i = 0; i < 2000; i++) {
      const iv = freshIv(12);
      expect(iv).toHaveLength(12);
      seen.add(iv.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('returns a copy: changing one IV does not change the next', () => {
    const first = freshIv(12);
    const copy = Buffer.from(first);
    first.fill(0);
    const second = freshIv(12);
    expect(second.equals(Buffer.alloc(12))).toBe(false);
    expect(copy.equals(Buffer.alloc(12))).toBe(false);
  });
});
