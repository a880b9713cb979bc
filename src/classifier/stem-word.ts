/**
 * A small rule-based Indonesian stemmer (affix stripping in the spirit of Nazief–Adriani), guided by a set
 * of known roots instead of a full dictionary: an affixed word is reduced only when one of its candidate
 * roots is known, otherwise only clitics are removed. That keeps unknown words (names, English) intact and
 * makes "pencemaran", "tercemar" and "dicemari" all meet the keyword "cemar".
 */
export type Stemmer = (word: string) => string;

const PARTICLES = ['lah', 'kah', 'tah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
// "-in" is the colloquial form of "-kan" ("dibersihin").
const SUFFIXES = ['kan', 'an', 'in', 'i'];
const VOWEL = /^[aiueo]/;

function stripEnd(word: string, endings: string[]): string[] {
  const out: string[] = [];
  for (const ending of endings) {
    if (word.length > ending.length + 2 && word.endsWith(ending)) out.push(word.slice(0, -ending.length));
  }
  return out;
}

/** Candidate words after removing one prefix, including the sound changes of meN-/peN- ("menambang" -> "tambang"). */
function stripPrefix(word: string, first: boolean): string[] {
  const out: string[] = [];
  const add = (candidate: string): void => {
    if (candidate.length >= 3) out.push(candidate);
  };
  for (const simple of ['di', 'ke', 'se', 'ter', 'ber', 'be', 'per']) {
    if (word.startsWith(simple)) add(word.slice(simple.length));
  }
  for (const head of ['me', 'pe']) {
    if (!word.startsWith(head)) continue;
    const rest = word.slice(2);
    nasalAlternatives(rest, add);
    add(rest);
  }
  // Colloquial nasal prefix without me- ("nambang", "nyemari", "ngeruk"); only on the word as written,
  // or chains like "negara" -> "egara" would reach unrelated roots.
  if (first) nasalAlternatives(word, add);
  return out;
}

function nasalAlternatives(rest: string, add: (candidate: string) => void): void {
  if (rest.startsWith('ny')) add(`s${rest.slice(2)}`);
  if (rest.startsWith('ng')) {
    add(rest.slice(2));
    if (VOWEL.test(rest.slice(2))) add(`k${rest.slice(2)}`);
  }
  if (rest.startsWith('m')) {
    add(rest.slice(1));
    if (VOWEL.test(rest.slice(1))) add(`p${rest.slice(1)}`);
  }
  if (rest.startsWith('n') && !rest.startsWith('ng') && !rest.startsWith('ny')) {
    add(rest.slice(1));
    if (VOWEL.test(rest.slice(1))) add(`t${rest.slice(1)}`);
  }
}

/**
 * `roots` are what affixed words may reduce to; `standard` words (the slang table's outputs, e.g. "sekarang")
 * are kept as they are but never become a target, so "sekarang" does not turn into the keyword "karang".
 */
export function createStemmer(
  roots: ReadonlySet<string>,
  standard: ReadonlySet<string> = new Set(),
): Stemmer {
  const cache = new Map<string, string>();

  const search = (word: string): string | undefined => {
    // Breadth-first over suffix and prefix removals, at most two prefixes ("diper-", "memper-").
    let frontier = [word];
    for (let depth = 0; depth < 3; depth += 1) {
      const next: string[] = [];
      for (const candidate of frontier) {
        if (depth > 0 && roots.has(candidate)) return candidate;
        next.push(...stripEnd(candidate, SUFFIXES), ...stripPrefix(candidate, candidate === word));
      }
      frontier = next;
      if (frontier.length === 0) break;
    }
    return undefined;
  };

  const stem = (word: string): string => {
    if (word.length <= 3 || roots.has(word) || standard.has(word) || /\d/.test(word)) return word;
    // Clitics first; "-lah"/"-kah" are only trusted when they reveal a known root ("sekolah" is not "seko").
    for (const ending of [...PARTICLES, ...POSSESSIVES]) {
      const [stripped] = stripEnd(word, [ending]);
      if (stripped !== undefined && roots.has(stripped)) return stripped;
    }
    const [withoutNya] = stripEnd(word, ['nya']);
    return search(word) ?? (withoutNya !== undefined ? (search(withoutNya) ?? withoutNya) : word);
  };

  return (word) => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    const result = stem(word);
    // A long-running gateway sees unbounded vocabulary; a bounded cache keeps memory flat.
    if (cache.size > 50_000) cache.clear();
    cache.set(word, result);
    return result;
  };
}
