/**
 * Turns what a person typed into a `to_tsquery('simple', …)` expression: every word must match, as a
 * prefix ("tamban" finds "tambang"). Only letters and digits survive, so the text cannot inject
 * tsquery operators. Null when nothing searchable remains.
 */
export function toSearchQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `${word}:*`).join(' & ');
}
