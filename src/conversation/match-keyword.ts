import { normalizeReferenceCode } from '../reports/reference-code.js';
import type { Language } from './flow-schema.js';
import type { Keyword, KeywordsFile } from './keywords-schema.js';
import { compactText, wordsOf } from './normalize-text.js';

export type KeywordMatch = { language: Language | null } & (
  | { action: 'start_flow'; flow: string; rest: string }
  /** `code` is null when the citizen sent STATUS without a code we could read. */
  | { action: 'status'; code: string | null }
  | { action: 'cancel' | 'help' | 'opt_out' | 'opt_in' }
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
  const firstWord = wordsOf(text)[0] ?? '';
  for (const keyword of config.keywords) {
    for (const language of ['id', 'en'] as const) {
      const other = new Set(keyword.words[language === 'id' ? 'en' : 'id'].map(compactText));
      for (const word of keyword.words[language].map(compactText)) {
        // A word both languages use (STOP, STATUS, INFO) says nothing about the citizen's language.
        const hint = other.has(word) ? null : language;
        const match = tryKeyword(keyword, word, hint, whole, firstWord, text);
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
  firstWord: string,
  text: string,
): KeywordMatch | null {
  const exact = whole === word;
  switch (keyword.action) {
    case 'start_flow':
      if (exact) return { action: 'start_flow', flow: keyword.flow ?? '', rest: '', language };
      if (compactText(firstWord) === word) {
        return { action: 'start_flow', flow: keyword.flow ?? '', rest: afterFirstWord(text), language };
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

function afterFirstWord(text: string): string {
  return text
    .trim()
    .replace(/^[^\p{L}\p{N}]*[\p{L}\p{N}]+[^\p{L}\p{N}]*/u, '')
    .trim();
}
