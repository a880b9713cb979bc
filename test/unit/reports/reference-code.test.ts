import { describe, expect, it } from 'vitest';
import {
  generateReferenceCode,
  generateUniqueReferenceCode,
  normalizeReferenceCode,
  type RandomInt,
  REFERENCE_CODE_ALPHABET,
} from '../../../src/reports/reference-code.js';

/** Replays a fixed list of indices, so a test knows exactly which code comes out. */
function sequence(indices: number[]): RandomInt {
  let i = 0;
  return () => {
    const value = indices[i % indices.length];
    i += 1;
    if (value === undefined) throw new Error('empty sequence');
    return value;
  };
}

describe('generateReferenceCode', () => {
  it('uses the Crockford alphabet without I, L, O, U', () => {
    expect(REFERENCE_CODE_ALPHABET).toHaveLength(32);
    expect(REFERENCE_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('defaults to 6 characters and maps the random source onto the alphabet', () => {
    expect(generateReferenceCode({ randomInt: sequence([0, 1, 18, 21, 31, 10]) })).toBe('01JNZA');
  });

  it('accepts lengths 6 to 8 and rejects others', () => {
    expect(generateReferenceCode({ length: 8 })).toHaveLength(8);
    expect(generateReferenceCode({ length: 7 })).toHaveLength(7);
    expect(() => generateReferenceCode({ length: 5 })).toThrow(RangeError);
    expect(() => generateReferenceCode({ length: 9 })).toThrow(RangeError);
  });

  it('rejects a random source that strays outside the alphabet', () => {
    expect(() => generateReferenceCode({ randomInt: () => 32 })).toThrow(RangeError);
  });

  it('draws every code from the crypto source: valid, and not sequential', () => {
    const codes = Array.from({ length: 2000 }, () => generateReferenceCode());
    for (const code of codes) expect(normalizeReferenceCode(code)).toBe(code);
    expect(new Set(codes).size).toBe(codes.length);
    const symbols = new Set(codes.join(''));
    expect(symbols.size).toBe(32);
  });
});

describe('normalizeReferenceCode', () => {
  it.each([
    ['K7QM4T', 'K7QM4T'],
    ['k7qm4t', 'K7QM4T'],
    [' k7 qm 4t ', 'K7QM4T'],
    ['K7Q-M4T', 'K7QM4T'],
    ['k7q–m4t', 'K7QM4T'],
    ['OOIILL', '001111'],
    ['o1l2i3', '011213'],
    ['ABCDEFGH', 'ABCDEFGH'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeReferenceCode(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['K7QM4', 'too short'],
    ['K7QM4TXYZ', 'too long'],
    ['K7QM4U', 'U is not a Crockford symbol'],
    ['K7QM4#', 'punctuation'],
    ['K7QM4É', 'accented letter'],
  ])('%j → null (%s)', (input) => {
    expect(normalizeReferenceCode(input)).toBeNull();
  });
});

describe('generateUniqueReferenceCode', () => {
  it('retries until exists() reports a free code', async () => {
    const taken = new Set(['000000', '111111']);
    const seen: string[] = [];
    const code = await generateUniqueReferenceCode(
      async (candidate) => {
        seen.push(candidate);
        return taken.has(candidate);
      },
      5,
      { randomInt: sequence([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]) },
    );
    expect(seen).toEqual(['000000', '111111', '222222']);
    expect(code).toBe('222222');
  });

  it('gives up after maxAttempts', async () => {
    let calls = 0;
    const always = async () => {
      calls += 1;
      return true;
    };
    await expect(generateUniqueReferenceCode(always, 3)).rejects.toThrow(/3 attempts/);
    expect(calls).toBe(3);
  });
});
