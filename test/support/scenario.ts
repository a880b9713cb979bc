import { parseDocument } from 'yaml';
import { z } from 'zod';
import { CATEGORIES } from '../../src/classifier/classification.js';
import { languageSchema } from '../../src/conversation/flows/flow-schema.js';

const textOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const channelSchema = z.enum(['sms', 'whatsapp']);

const reportExpectationSchema = z.strictObject({
  category: z.enum(CATEGORIES).optional(),
  /** Who decided it: `classifier`, `citizen` (chose another) or `both` (confirmed the classifier's). */
  category_source: z.enum(['classifier', 'citizen', 'both']).optional(),
  /** The citizen's own pick (null: they never chose, e.g. the fallback kept the classifier's guess). */
  citizen_choice: z.enum(CATEGORIES).nullable().optional(),
  /** The classifier's category (null: no classification recorded). */
  classifier: z.enum(CATEGORIES).nullable().optional(),
  province: z.string().nullable().optional(),
  regency: z.string().nullable().optional(),
  district: z.string().nullable().optional(),
  village: z.string().nullable().optional(),
  /** Exactly the words that named the place (null: none did). */
  location_text: z.string().nullable().optional(),
  language: languageSchema.optional(),
  media: z.number().int().min(0).optional(),
  /** Substrings of the citizen's words kept on the report, case-insensitive. */
  text_contains: textOrList.optional(),
});
export type ReportExpectation = z.infer<typeof reportExpectationSchema>;

/**
 * One line of a transcript. Each is an object with one main key, so a transcript reads like a chat:
 * `- citizen: "..."` then `- reply_contains: "..."`.
 */
export const scenarioStepSchema = z.union([
  z.strictObject({
    /** What the current citizen sends; `{{ref}}` is their last reference code, `{{ref:name}}` another's. */
    citizen: z.string(),
    media: z.array(z.strictObject({ url: z.string(), contentType: z.string() })).optional(),
    channel: channelSchema.optional(),
    /**
     * Sent this many seconds after the citizen's previous message (default: a minute later). Right
     * after another `citizen` line it is a quick follow-up, sent before any reply: the expectations
     * that follow are about everything the quick messages got in answer.
     */
    seconds_after: z.number().positive().optional(),
  }),
  z.strictObject({ reply_contains: textOrList }),
  z.strictObject({ reply_not_contains: textOrList }),
  /** A regular expression (case-insensitive) the joined replies to the last message must match. */
  z.strictObject({ reply_matches: z.string().min(1) }),
  z.strictObject({ no_reply: z.literal(true) }),
  /** Exact number of texts sent in answer to the last message. */
  z.strictObject({ replies: z.number().int().min(0) }),
  /** The last message created (or, with a category correction, changed) a report with these properties. */
  z.strictObject({ report: reportExpectationSchema }),
  z.strictObject({ no_report: z.literal(true) }),
  /** The last message left these survey answers (the run so far), e.g. `{ completed: true, answers: { rating: 4 } }`. */
  z.strictObject({
    survey: z.strictObject({
      id: z.string().optional(),
      completed: z.boolean().optional(),
      answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  }),
  /** The last message produced this effect (opt_out, opt_in, park_contact, set_language, status_query). */
  z.strictObject({
    effect: z.enum([
      'opt_out',
      'opt_in',
      'park_contact',
      'set_language',
      'status_query',
      'create_report',
      'update_report',
      'survey_response',
      'consent_asked',
      'consent_given',
      'consent_withdrawn',
    ]),
  }),
  z.strictObject({ advance_minutes: z.number().positive() }),
  /** Switch to another citizen (a separate phone number); the first is called "citizen". */
  z.strictObject({ as: z.string().min(1) }),
  /** The provider delivers the last message again (same provider id), as webhooks retried do. */
  z.strictObject({ duplicate_last: z.literal(true) }),
]);
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Channel of every citizen message unless a step says otherwise. */
  channel: channelSchema.default('sms'),
  /** Language already remembered on the contact (returning citizen); default: none, detected. */
  contact_language: languageSchema.optional(),
  steps: z.array(scenarioStepSchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Parses one `test/flows/*.yaml` transcript; shared by the in-memory runner and end-to-end runners. */
export function parseScenario(file: string, text: string): ParseScenarioResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0)
    return { ok: false, error: `${file}: not valid YAML: ${doc.errors[0]?.message}` };
  const raw: unknown = doc.toJS();
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const detail =
    issue?.code === 'invalid_union' && issue.path[0] === 'steps'
      ? 'unknown step; use one of citizen, reply_contains, reply_not_contains, reply_matches, no_reply, replies, report, no_report, survey, effect, advance_minutes, as, duplicate_last'
      : (issue?.message ?? 'invalid');
  return { ok: false, error: `${file} › ${path}: ${detail}` };
}
