import type { UiLanguage } from '../auth/roles.js';
import { messagesEn } from './messages-en.js';
import { messagesId } from './messages-id.js';

export type MessageKey = keyof typeof messagesId;

const dictionaries: Record<UiLanguage, Record<MessageKey, string>> = { id: messagesId, en: messagesEn };

export type Translate = (key: MessageKey) => string;

export function translator(language: UiLanguage): Translate {
  const dictionary = dictionaries[language];
  return (key) => dictionary[key];
}

/** Labels for enum values that share their name with a message key (statuses, categories, outcomes). */
export function label(t: Translate, value: string): string {
  return isMessageKey(value) ? t(value) : value;
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(messagesId, value);
}
