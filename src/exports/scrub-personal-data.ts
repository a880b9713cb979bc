/**
 * Scrubs a citizen's own words before a partner export: phone numbers, e-mail addresses, NIK identity numbers and
 * account-like digit runs give way to placeholders. People who report illegal mining or corruption can be threatened,
 * so a doubtful digit run is scrubbed; what a researcher needs (years, dates, times, rupiah amounts, areas, permit
 * numbers with slashes, RT/RW, kilometre markers, percentages, counts) is short or shaped so that it stays.
 *
 * Order matters: e-mail and WhatsApp links first (they contain digits), then amounts and dates are set aside so that
 * they cannot be glued to a neighbouring number, then NIK before phone numbers before any other long run.
 */

export const NUMBER_PLACEHOLDER = '[nomor]';
export const EMAIL_PLACEHOLDER = '[email]';
export const NIK_PLACEHOLDER = '[NIK]';

const raw = String.raw;

/** Not the middle of a longer run: no digit (or digit and dot/dash) just before. */
const START = raw`(?<!\d[.\-]?)`;
/** Not followed by more of the same run. */
const END = raw`(?![.\-]?\d)`;
/**
 * Digits grouped in thousands with dots ("250.000", "1.500.000.000") is how Indonesians write amounts and areas, hardly
 * account or phone numbers — unless led by 0 or shaped like "62.812.345.678" (a phone with its country code).
 */
const THOUSANDS = raw`(?!0|62\.8)\d{1,3}(?:\.\d{3})+${END}`;
/** A year, which in a list of years must not be read as one long run ("2019 2020 2021 2022"). */
const YEAR = raw`(?:19|20)\d\d`;

/**
 * E-mail addresses, before anything else touches the digits in them ("rudi_77@yahoo.co.id"). The lookbehind starts a
 * match only at the beginning of a word, so that a long run without "@" is scanned once, not once per character.
 */
const EMAIL = /(?<![A-Z0-9._%+-])[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;

/** WhatsApp click-to-chat links carry the number itself: the whole link goes ("wa.me/6281234567890"). */
const WHATSAPP_LINK = /(?:https?:\/\/)?(?:www\.)?(?:wa\.me\/|api\.whatsapp\.com\/send\/?\?phone=)\+?\d+/gi;

/** Set aside (and put back at the end) so that a date followed by a time, or an amount, is not read as one long run. */
const KEEP: RegExp[] = [
  // An amount after Rp / IDR, however typed: "Rp 1.500.000.000", "Rp1500000000", "Rp 1,2 miliar", "Rp5jt".
  new RegExp(raw`\b(?:Rp|IDR)\.? ?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?(?!\d)`, 'gi'),
  // A number with its unit: "5 juta", "1.200 hektar", "150 ha", "80%". Not the tail of a longer run ("…7890 M. Yusuf").
  new RegExp(
    raw`(?<!\d[ .,\-]?)(?:\d{1,3}(?:\.\d{3})+|\d{1,4})(?:,\d+)? ?` +
      raw`(?:juta|jt|ribu|rb|rebu|miliar|milyar|m|triliun|t|rupiah|ha|hektar|hektare|km|m2|meter|ton|persen|%)(?![a-z\d])`,
    'gi',
  ),
  // Dates: 12-03-2025, 12/03/2025, 12.03.25 and ISO 2025-03-12 (a following "14.30" would otherwise make 12 digits).
  new RegExp(
    raw`(?<!\d[.\-/]?)(?:\d{1,2}([.\-/])\d{1,2}\1(?:\d{4}|\d{2})|(?:19|20)\d\d([.\-/])\d{1,2}\2\d{1,2})(?![.\-/]?\d)`,
    'g',
  ),
];

/** An optional single space, dot or dash between the digits of a NIK. */
const SEP = raw`[ .\-]?`;

/**
 * NIK (and the KK family-card number, same shape): 16 digits led by a real province code, in any grouping
 * ("6402011203850001", "3201 0123 4567 0001", "64.02.01.120385.0001"). Four years in a row are a list of years.
 */
const PROVINCE = raw`(?:1[1-9]|21|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[12]|9[1-6])`;
const NIK = new RegExp(
  raw`${START}(?!${THOUSANDS})(?!(?:${YEAR} ){3}${YEAR})${PROVINCE}(?:${SEP}\d){14}${END}`,
  'g',
);

/**
 * Phone numbers: +62 / (+62) / 62 / +62 (0) / 0 / (0541) — or a bare mobile "812…" whose 0 was forgotten — then
 * 8–13 digits (mobile 08xx, landline 021 / 0541 …), separated by single dots, dashes, " - ", a ")" after the area
 * code, or spaces before groups of 3 or more (so "0812345678 12 orang" keeps its 12). A bare mobile needs 9 digits.
 */
const COUNTRY = raw`(?:\(\+?62\)|\+62|(?!${THOUSANDS})62)[ .\-]?(?:\(0\) ?|0[ .\-]?)?`;
const NATIONAL = raw`\(0(?=\d{2,4}\))|0`;
const PHONE_SEP = raw`(?:[.\-]| [.\-] | (?=\d{3})|\) ?)`;
const BARE_MOBILE = raw`(?!${THOUSANDS})(?=8[1235789](?:${PHONE_SEP}?\d){7})`;
const PHONE = new RegExp(
  raw`${START}(?:${COUNTRY}|${NATIONAL}|${BARE_MOBILE})[1-9](?:${PHONE_SEP}?\d){7,12}${END}`,
  'g',
);

/**
 * Whatever else has 10 or more digits, separated by single dots, dashes or spaces, looks like a bank account
 * ("0123-01-012345-50-1", "1234567890", "123 456 7890"). Amounts in thousands stay; a space between two years
 * ends the run, so "2019 2020 2021 2022" stays a list of years while "1234 2019 5678" is still an account.
 */
const ACCOUNT_SEP = raw`(?:[.\-]|(?<!(?<![\d.\-])${YEAR}) | (?!${YEAR}(?!\d)))`;
const ACCOUNT = new RegExp(raw`${START}(?!${THOUSANDS})\d(?:${ACCOUNT_SEP}?\d){9,}`, 'g');

const SCRUB: ReadonlyArray<readonly [RegExp, string]> = [
  [NIK, NIK_PLACEHOLDER],
  [PHONE, NUMBER_PLACEHOLDER],
  [ACCOUNT, NUMBER_PLACEHOLDER],
];

/** Private-use characters stand in for the kept spans: not digits, so they end any run around them. */
const PRIVATE_USE = /[\uE000-\uF8FF]/g;
const PRIVATE_USE_BASE = 0xe000;
const PRIVATE_USE_COUNT = 0x1900;

/**
 * Every pattern above needs an ASCII digit, except e-mail addresses which need "@": a text with neither (most
 * complaints) is returned as it is without running them.
 */
const SCRUBBABLE = /[0-9@]/;

export function scrubPersonalData(text: string): string {
  if (!SCRUBBABLE.test(text)) return text;
  let out = text.replace(EMAIL, EMAIL_PLACEHOLDER).replace(WHATSAPP_LINK, NUMBER_PLACEHOLDER);
  const kept: string[] = [];
  // A text that already holds private-use characters keeps nothing aside: scrubbing more is the safe failure.
  if (!/[\uE000-\uF8FF]/.test(out)) {
    for (const pattern of KEEP) {
      out = out.replace(pattern, (span) =>
        kept.length < PRIVATE_USE_COUNT ? String.fromCharCode(PRIVATE_USE_BASE + kept.push(span) - 1) : span,
      );
    }
  }
  for (const [pattern, placeholder] of SCRUB) out = out.replace(pattern, placeholder);
  return out.replace(PRIVATE_USE, (c) => kept[c.charCodeAt(0) - PRIVATE_USE_BASE] ?? c);
}
