import { REFERENCE_CODE_ALPHABET } from '../src/reports/reference-code.js';

/**
 * Deterministic, constant-memory identities for seeded rows: everything about row `i` is derived from
 * `i`, so the messages, reports and events streams agree on ids without holding a million of them.
 */

/** murmur3's finalizer: a bijection on 32-bit words that scatters neighbouring inputs. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small seeded generator; one per row keeps each row reproducible on its own. */
export function rowRandom(seed: number): () => number {
  let state = mix32(seed) || 1;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex8 = (word: number): string => word.toString(16).padStart(8, '0');

/**
 * A random-looking v4-shaped UUID for row `index` of a kind (`kind` separates tables). The first word
 * is a bijection of the index, so ids are unique per kind; scattered like gen_random_uuid(), so the
 * primary-key btrees have the same poor locality as in production.
 */
export function seededUuid(kind: number, index: number): string {
  const base = Math.imul(kind, 0x9e3779b1);
  const a = mix32(index ^ base);
  const b = mix32(index + base + 0x632be5ab);
  const c = mix32(b ^ 0x5bd1e995);
  const d = mix32(c + index);
  const h = `${hex8(a)}${hex8(((b & 0xffff0fff) | 0x4000) >>> 0)}${hex8(((c & 0x3fffffff) | 0x80000000) >>> 0)}${hex8(d)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CODE_SPACE_MASK = 0x3fffffff; // 32^6 = 2^30 codes of six symbols

/**
 * A unique six-symbol Crockford code for row `index` (< 2^30): an invertible scramble of the index
 * (odd multipliers and xor-shifts modulo 2^30), so codes look random yet never collide.
 */
export function seededReferenceCode(index: number): string {
  let x = (index + 0x2b7e151) & CODE_SPACE_MASK;
  x = Math.imul(x, 0x2545f491) & CODE_SPACE_MASK;
  x ^= x >>> 15;
  x = Math.imul(x, 0x0b5ad4ed) & CODE_SPACE_MASK;
  x ^= x >>> 13;
  let code = '';
  for (let i = 0; i < 6; i += 1) {
    code = (REFERENCE_CODE_ALPHABET[x & 31] ?? '0') + code;
    x >>>= 5;
  }
  return code;
}

/** Hex of pseudo-random bytes derived from (seed, index): stands in for hashes and ciphertext. */
export function seededHex(seed: number, index: number, words: number): string {
  let out = '';
  for (let w = 0; w < words; w += 1) out += hex8(mix32(index * 31 + w + Math.imul(seed, 0x27d4eb2f)));
  return out;
}
