import { normalizeReferenceCode } from '../../reports/reference-code.js';
import type { Language } from '../flows/flow-schema.js';
import type { Keyword, KeywordsFile } from '../flows/keywords-schema.js';
import { compactText, wordsOf } from './normalize-text.js';

export type KeywordMatch = { language: Language | null } & (
  | { action: 'start_flow'; flow: string; rest: string }
  /** `code` is null when the citizen sent STATUS without a code we could read. */
  | { action: 'status'; code: string | null }
  | { action: 'cancel' | 'help' | 'opt_out' | 'opt_in' | 'consent' | 'consent_withdraw' }
  | { action: 'language'; target: Language }
);

/**
 * Finds a global keyword in a message. A keyword must be the whole message ("batal", "B A T A L"),
 * except LAPOR-like words, which may be followed by the complaint itself, and STATUS-like words,
 * followed by a code. "stop tambang ilegal!" is a complaint, not an opt-out.
 */
export function matchKeyword(config: KeywordsFile, text: string): KeywordMatch | null {
  const whole = compactText(text);
  if (whole === '') return null;
  const words = wordsOf(text);
  for (const keyword of config.keywords) {
    for (const language of ['id', 'en'] as const) {
      const other = new Set(keyword.words[language === 'id' ? 'en' : 'id'].map(compactText));
      for (const raw of keyword.words[language]) {
        const word = compactText(raw);
        // A word both languages use (STOP, STATUS, INFO) says nothing about the citizen's language.
        const hint = other.has(word) ? null : language;
        const match = tryKeyword(keyword, word, hint, whole, words, text);
        if (match) return match;
      }
    }
  }
  return null;
}

function tryKeyword(
  keyword: Keyword,
  word: string,
  language: Language | null,
  whole: string,
  words: string[],
  text: string,
): KeywordMatch | null {
  const exact = whole === word;
  switch (keyword.action) {
    case 'start_flow':
      if (exact) return { action: 'start_flow', flow: keyword.flow ?? '', rest: '', language };
      // "LAPOR sungai keruh", "NILAI DLH 4": the keyword's words begin the message, the rest follows.
      for (let n = 1; n <= Math.min(words.length - 1, 3); n += 1) {
        if (compactText(words.slice(0, n).join(' ')) === word) {
          return { action: 'start_flow', flow: keyword.flow ?? '', rest: afterWords(text, n), language };
        }
      }
      return null;
    case 'status': {
      if (exact) return { action: 'status', code: null, language };
      if (!whole.startsWith(word)) return null;
      const tail = whole.slice(word.length);
      const code = normalizeReferenceCode(tail);
      if (code) return { action: 'status', code, language };
      // "STATUS K7QM4U" is a mistyped code; "cek sungai kami tercemar" is a complaint.
      const looksLikeCode = /^[a-z0-9]{4,10}$/.test(tail) && wordsOf(text).length <= 3;
      return looksLikeCode ? { action: 'status', code: null, language } : null;
    }
    case 'language':
      return exact && keyword.language ? { action: 'language', target: keyword.language, language } : null;
    default:
      return exact ? { action: keyword.action, language } : null;
  }
}

function afterWords(text: string, count: number): string {
  let rest = text.trim();
  for (let i = 0; i < count; i += 1) rest = rest.replace(/^[^\p{L}\p{N}]*[\p{L}\p{N}]+[^\p{L}\p{N}]*/u, '');
  return rest.trim();
}
