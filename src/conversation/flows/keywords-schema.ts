import { z } from 'zod';
import { languageSchema, localizedTextSchema, stepIdSchema } from './flow-schema.js';

export const KEYWORD_ACTIONS = [
  'start_flow',
  'status',
  'cancel',
  'help',
  'opt_out',
  'opt_in',
  'language',
  /** IKUT: agree to be invited to surveys. */
  'consent',
  /** KELUAR: no more survey invitations (reports still work). */
  'consent_withdraw',
] as const;
export type KeywordAction = (typeof KEYWORD_ACTIONS)[number];

const wordList = z.array(z.string().trim().min(1)).default([]);

export const keywordSchema = z
  .strictObject({
    action: z.enum(KEYWORD_ACTIONS, {
      error: `action must be one of ${KEYWORD_ACTIONS.join(', ')}`,
    }),
    /** Words by language: the list a word sits in also tells us the language of a first message. */
    words: z.strictObject({ id: wordList, en: wordList }),
    /** For start_flow. */
    flow: stepIdSchema.optional(),
    /** For language: the language to switch to. */
    language: languageSchema.optional(),
  })
  .refine((k) => k.action !== 'start_flow' || k.flow !== undefined, {
    message: 'a start_flow keyword needs flow: <flow id>',
    path: ['flow'],
  })
  .refine((k) => k.action !== 'language' || k.language !== undefined, {
    message: 'a language keyword needs language: id or en',
    path: ['language'],
  })
  .refine((k) => k.words.id.length + k.words.en.length > 0, { message: 'a keyword needs at least one word' });
export type Keyword = z.infer<typeof keywordSchema>;

const messagesSchema = z.strictObject({
  help: localizedTextSchema,
  opted_out: localizedTextSchema,
  opted_in: localizedTextSchema,
  cancelled: localizedTextSchema,
  nothing_to_cancel: localizedTextSchema,
  status_usage: localizedTextSchema,
  status_found: localizedTextSchema,
  status_not_found: localizedTextSchema,
  language_switched: localizedTextSchema,
  flow_error: localizedTextSchema,
  /** Sent when the secretariat validates, starts following up or closes a report ({{code}}, {{note}}). */
  notify_validated: localizedTextSchema,
  notify_in_follow_up: localizedTextSchema,
  notify_closed: localizedTextSchema,
  /** A staff member's masked reply, prefixed so the citizen knows who writes ({{code}}, {{text}}). */
  staff_message: localizedTextSchema,
  /** Answer to a citizen's reply that was attached to their report's thread ({{code}}). */
  thread_reply_received: localizedTextSchema,
  /**
   * The consent question, asked once after a report's code: appended to the code's SMS when both fit one
   * segment, else sent on its own. Without it, consent is never asked (IKUT still works).
   */
  consent_offer: localizedTextSchema.optional(),
  /** Reply to IKUT; recorded as the wording the citizen agreed to. */
  consent_given: localizedTextSchema.optional(),
  /** Reply to KELUAR. */
  consent_withdrawn: localizedTextSchema.optional(),
});
export type SystemMessageKey = keyof z.infer<typeof messagesSchema>;

/** `flows/keywords.yaml`: global keywords, system replies and the word lists the steps share. */
export const keywordsFileSchema = z.strictObject({
  /** Flow a message starts when it is no keyword and no conversation is running. */
  default_flow: stepIdSchema,
  keywords: z.array(keywordSchema).min(1),
  messages: messagesSchema,
  /** Report statuses as the citizen reads them in a STATUS reply; unknown statuses are shown as stored. */
  status_labels: z.record(z.string(), localizedTextSchema).default({}),
  /** How a closed report's outcome reads in the closing notification. */
  outcome_labels: z.record(z.string(), localizedTextSchema).default({}),
  /** Greetings, tests and thanks: a first message made only of these is not a complaint. */
  smalltalk: wordList,
  yes_words: wordList,
  no_words: wordList,
  /** Replies that skip an optional step (photo, location). */
  skip_words: wordList,
});
export type KeywordsFile = z.infer<typeof keywordsFileSchema>;
