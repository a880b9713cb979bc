import { describe, expect, it } from 'vitest';
import { answerRating } from '../../../src/conversation/steps/expect/answer-rating.js';

const expect5 = {
  type: 'rating' as const,
  min: 1,
  max: 5,
  words: { bagus: 4, 'sangat bagus': 5, buruk: 2, good: 4 },
};
const read = (text: string) => {
  const result = answerRating(expect5, { text, media: [] });
  return result.ok ? result.value : null;
};

describe('answerRating', () => {
  it.each([
    ['4', 4],
    ['empat', 4],
    ['4/5', 4],
    ['4 dari 5', 4],
    ['nilai 3', 3],
    ['5 bintang', 5],
    ['bagus', 4],
    ['BAGUSSS', 4],
    ['sangat bagus', 5],
    ['dlh buruk', 2],
    ['good', 4],
    ['satu', 1],
  ])('reads %s as %s', (text, value) => {
    expect(read(text)).toBe(value);
  });

  it.each(['7', '0', '6/10', 'halo', 'sungai kami masih keruh dan bagus tidak ada', ''])(
    'refuses %s',
    (text) => {
      expect(read(text)).toBeNull();
    },
  );
});
