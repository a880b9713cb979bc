import type { PlaceMention } from './find-place-mentions.js';
import type { PlaceToken } from './place-text.js';

/**
 * The citizen's own words that named the place, as written: each mention with its level keyword
 * ("desa Loa Ipuh", "Kab. Kukar", not "di"), neighbours joined as typed, others with ", ".
 * Undefined when no words did.
 */
export function quotePlaceWords(
  text: string,
  tokens: readonly PlaceToken[],
  mentions: readonly PlaceMention[],
): string | undefined {
  const spans = [...mentions]
    .sort((a, b) => a.start - b.start)
    .map((m) => {
      const keywordFirst = m.keyword && m.keyword.level !== 'any' && m.start > 0;
      return {
        from: tokens[keywordFirst ? m.start - 1 : m.start]?.from ?? 0,
        to: tokens[m.end - 1]?.to ?? 0,
      };
    });
  let quoted = '';
  let previousEnd = -1;
  for (const span of spans) {
    if (span.to <= previousEnd) continue;
    const from = Math.max(span.from, previousEnd);
    const gap = previousEnd < 0 ? '' : text.slice(previousEnd, from);
    quoted += previousEnd < 0 ? '' : /[\p{L}\p{N}]/u.test(gap) ? ', ' : gap;
    quoted += text.slice(from, span.to);
    previousEnd = span.to;
  }
  return quoted.trim() === '' ? undefined : quoted.trim();
}
