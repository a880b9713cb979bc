const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

// Kemendagri province codes (the first segment of every region code). Sumatra, Java, and West and
// Central Kalimantan keep WIB (UTC+7); Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi WITA
// (UTC+8); Maluku and every Papua province (91-96 since the 2022 split) WIT (UTC+9).
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT_PROVINCES = new Set(['81', '82']);

/**
 * The IANA time zone a province's secretariat works in, for deadlines and displayed dates. Accepts a
 * province code (`64`) or any code below it (`64.02`); unknown or missing codes get WIB, the zone of
 * the national capital, which is also what the WIB provinces (11-19, 21, 31-36, 61, 62) get.
 */
export function provinceTimeZone(provinceCode: string | null): string {
  const province = provinceCode?.trim().split('.')[0] ?? '';
  if (WITA_PROVINCES.has(province)) return WITA;
  if (WIT_PROVINCES.has(province) || /^9\d$/.test(province)) return WIT;
  return WIB;
}
