import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/geo/edit-distance.js';
import { letterMask } from '../../../src/geo/place-index.js';
import { seededRandom } from '../../../src/seeded-random.js';

const bitsSet = (value: number): number => value.toString(2).replaceAll('0', '').length;

describe('letterMask', () => {
  it('sets one bit per letter present, and one shared bit for anything else', () => {
    expect(letterMask('aba')).toBe(0b11);
    expect(letterMask('z')).toBe(1 << 25);
    expect(letterMask('a-1')).toBe(1 | (1 << 26));
  });

  // The fuzzy place lookup skips a candidate whose mask differs in more than 2·k bits from the typed
  // text: that is only safe if no pair within k edits ever does.
  it('never differs in more than two bits per edit between texts within the edit budget', () => {
    const random = seededRandom(7);
    const letters = 'aabdegiklmnorstuy';
    const word = (length: number) =>
      Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
    const mutate = (text: string): string => {
      const at = Math.floor(random() * (text.length + 1));
      const letter = letters[Math.floor(random() * letters.length)] ?? 'a';
      switch (Math.floor(random() * 4)) {
        case 0:
          return text.slice(0, at) + letter + text.slice(at);
        case 1:
          return text.slice(0, at) + text.slice(at + 1);
        case 2:
          return text.slice(0, at) + letter + text.slice(at + 1);
        default:
          return text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2);
      }
    };
    let checked = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const a = word(5 + Math.floor(random() * 8));
      const b = random() < 0.5 ? mutate(a) : mutate(mutate(a));
      const distance = editDistance(a, b, 2);
      if (distance > 2) continue;
      checked += 1;
      expect(bitsSet(letterMask(a) ^ letterMask(b))).toBeLessThanOrEqual(2 * distance);
    }
    expect(checked).toBeGreaterThan(15_000);
  });
});
