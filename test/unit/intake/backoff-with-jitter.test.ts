import { describe, expect, it } from 'vitest';
import { backoffWithJitter } from '../../../src/pipeline/backoff-with-jitter.js';

describe('backoffWithJitter', () => {
  it('doubles per attempt within [half, full] of the exponential delay', () => {
    expect(backoffWithJitter(1, 1000, () => 0)).toBe(500);
    expect(backoffWithJitter(1, 1000, () => 0.999999)).toBe(1000);
    expect(backoffWithJitter(3, 1000, () => 0)).toBe(2000);
    expect(backoffWithJitter(3, 1000, () => 0.5)).toBe(3000);
  });

  it('spreads retries of simultaneous failures', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffWithJitter(4, 1000)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
