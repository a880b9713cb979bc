import { describe, expect, it } from 'vitest';
import { storableText } from '../../../src/pipeline/storable-text.js';

describe('storableText', () => {
  it('replaces NUL, which Postgres refuses in text and jsonb', () => {
    expect(storableText('air\u0000keruh')).toBe('air\uFFFDkeruh');
    expect(storableText('\u0000\u0000')).toBe('\uFFFD\uFFFD');
  });

  it('replaces lone surrogates, which Postgres refuses in jsonb', () => {
    expect(storableText('a\uD83Db')).toBe('a\uFFFDb');
    expect(storableText('a\uDE00b')).toBe('a\uFFFDb');
    expect(storableText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
    expect(storableText('end\uD83D')).toBe('end\uFFFD');
  });

  it('keeps surrogate pairs (emoji) and every other character as they are', () => {
    const text = 'tambang 😀 di Sulawesi — “air” ✓ \t\n\u0001';
    expect(storableText(text)).toBe(text);
    expect(storableText('')).toBe('');
  });

  it('gives text that survives a JSON round trip through jsonb unchanged in length', () => {
    const cleaned = storableText('x\u0000\uD800y😀');
    expect(JSON.stringify(cleaned)).not.toMatch(/\\u0000|\\ud8/i);
    expect(cleaned).toHaveLength('x\u0000\uD800y😀'.length);
  });
});
