/**
 * Lower-cased, accent-free, single-spaced text: what keyword and answer matching compare.
 * Citizens type "Batal", "BATAL ", "bätal" or "B A T A L" on phones that add accents or spaces.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Only letters and digits, so spacing and punctuation never decide a match ("b a t a l!" → "batal"). */
export function compactText(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Letters and digits with runs of one letter collapsed: SMS stretches words ("tolonggg", "haloooo"). */
export function squeezeText(text: string): string {
  return compactText(text).replace(/(\p{L})\1+/gu, '$1');
}

/** Words of a message, normalized and without punctuation. */
export function wordsOf(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
