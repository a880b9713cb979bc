// Indonesian puts the compass point after the name (Konawe Utara, Aceh Barat Daya); English before it.
const COMPASS: readonly [readonly string[], string][] = [
  [['barat', 'daya'], 'southwest'],
  [['tenggara'], 'southeast'],
  [['utara'], 'north'],
  [['selatan'], 'south'],
  [['timur'], 'east'],
  [['barat'], 'west'],
  [['tengah'], 'central'],
];

/**
 * The words of a region's name as English writes it ("konawe utara" → "north konawe"), or null when
 * the name ends in no compass point.
 */
export function englishWordOrder(words: readonly string[]): string[] | null {
  for (const [suffix, english] of COMPASS) {
    const stem = words.slice(0, words.length - suffix.length);
    if (stem.length === 0) continue;
    if (suffix.every((w, i) => words[stem.length + i] === w)) return [english, ...stem];
  }
  return null;
}
