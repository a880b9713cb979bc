/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet, as Unicode characters.
 * A character outside both tables forces the whole SMS into UCS-2, which cuts a segment from
 * 160 to 70 characters — on a feature phone that roughly doubles what the citizen pays.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Reached through the escape code 0x1B, so each costs two septets. */
const EXTENSION = '\f^{}\\[~]|€';

export const gsmAlphabet = {
  basic: new Set(BASIC),
  extension: new Set(EXTENSION),
} as const;
