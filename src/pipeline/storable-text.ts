/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text Postgres can hold: it refuses NUL in text and jsonb ("invalid byte sequence for encoding UTF8:
 * 0x00") and lone surrogates in jsonb (half an emoji from a provider's JSON). Each such code unit becomes
 * U+FFFD, so a message acknowledged to its provider is still stored, with a visible mark where it was damaged.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}
