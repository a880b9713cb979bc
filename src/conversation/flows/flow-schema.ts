import { z } from 'zod';

/** Languages every user-facing text must carry: Bahasa Indonesia (default) and English. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const languageSchema = z.enum(LANGUAGES);

const TRANSLATION_HINT = 'every text the citizen sees needs both id (Bahasa Indonesia) and en';

/** A text in both languages. Missing or empty translations fail the load, so no citizen sees a blank SMS. */
export const localizedTextSchema = z.strictObject({
  id: z
    .string({ error: `missing Bahasa Indonesia text (id); ${TRANSLATION_HINT}` })
    .trim()
    .min(1, `empty Bahasa Indonesia text (id); ${TRANSLATION_HINT}`),
  en: z
    .string({ error: `missing English translation (en); ${TRANSLATION_HINT}` })
    .trim()
    .min(1, `empty English translation (en); ${TRANSLATION_HINT}`),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const SNAKE = /^[a-z][a-z0-9_]*$/;
export const stepIdSchema = z.string().regex(SNAKE, 'ids are lower_snake_case, e.g. ask_location');
const varNameSchema = z.string().regex(SNAKE, 'variable names are lower_snake_case, e.g. complaint');
const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

const CONDITION_OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'exists', 'gte', 'lt'] as const;

/** One test on a variable; exactly one operator per condition keeps YAML conditions unambiguous to read. */
export const conditionSchema = z
  .strictObject({
    var: varNameSchema,
    equals: scalarSchema.optional(),
    not_equals: scalarSchema.optional(),
    in: z.array(scalarSchema).optional(),
    not_in: z.array(scalarSchema).optional(),
    exists: z.boolean().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
  })
  .refine((c) => CONDITION_OPERATORS.filter((op) => c[op] !== undefined).length === 1, {
    message: `a condition needs exactly one of ${CONDITION_OPERATORS.join(', ')}`,
  });
export type Condition = z.infer<typeof conditionSchema>;

/** A single condition, or a list that must all hold. */
export const conditionsSchema = z.union([conditionSchema, z.array(conditionSchema).min(1)]);
export type Conditions = z.infer<typeof conditionsSchema>;

export const choiceOptionSchema = z.strictObject({
  /** Saved into `save_as`; may be a template such as "{{category}}". */
  value: z.string().min(1),
  label: localizedTextSchema,
  /** Words that pick this option besides its number; matched case-, accent- and spacing-insensitively. */
  synonyms: z.array(z.string()).default([]),
  /** Show the option only when this holds; numbering closes up around hidden options. */
  when: conditionsSchema.optional(),
  /** Numbered and accepted, but left out of {{options}}: "1" confirms what the SMS already says. */
  hidden: z.boolean().default(false),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

const expectationSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('choice'),
      options: z.array(choiceOptionSchema).min(2, 'a choice needs at least two options'),
      /** When two visible options carry the same value, keep the first and give it the other's synonyms. */
      dedupe: z.boolean().default(false),
    }),
    z.strictObject({
      type: z.literal('text'),
      min_length: z.number().int().min(1).default(1),
      /** Treat greetings and thanks ("halo", "tes", "makasih") as not an answer. */
      reject_smalltalk: z.boolean().default(false),
      /** A skip word ("lewati", "tidak ada") answers the question with nothing: an optional comment. */
      skippable: z.boolean().default(false),
    }),
    z.strictObject({
      type: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().default(false),
    }),
    z.strictObject({ type: z.literal('yesno') }),
    z.strictObject({
      type: z.literal('location'),
      /** Sent when a province was found but no regency/city: vars {{province}}. */
      partial_prompt: localizedTextSchema,
      /** Sent when a place name matches several regions: vars {{place}}, {{candidates}}. */
      ambiguous_prompt: localizedTextSchema,
      /** Accept the skip words ("tidak tahu", "lewati") and move on without a location. */
      skippable: z.boolean().default(true),
    }),
    z.strictObject({
      type: z.literal('rating'),
      min: z.number().int().min(0).default(1),
      max: z.number().int().min(1).max(10).default(5),
      /** Words that mean a rating ("bagus": 4, "sangat buruk": 1), matched like choice synonyms. */
      words: z.record(z.string().trim().min(1), z.number().int()).default({}),
    }),
    z.strictObject({
      type: z.literal('media'),
      /** Media never reaches us over SMS, so on SMS the step is passed over without a prompt. */
      skippable: z.literal(true).default(true),
    }),
  ],
  { error: 'expect.type must be one of choice, text, number, rating, yesno, location, media' },
);
export type Expectation = z.infer<typeof expectationSchema>;

const next = stepIdSchema.optional();

export const stepSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ id: stepIdSchema, type: z.literal('say'), text: localizedTextSchema, next }),
    z.strictObject({
      id: stepIdSchema,
      type: z.literal('ask'),
      prompt: localizedTextSchema,
      expect: expectationSchema,
      save_as: varNameSchema.optional(),
      /** How many invalid replies are answered with `invalid` before taking `on_fail`. */
      retries: z.number().int().min(0).max(5).default(1),
      invalid: localizedTextSchema.optional(),
      on_fail: stepIdSchema.optional(),
      /**
       * Where to go when the reply is no answer but carries the citizen's words (a description, a
       * place): they are kept, and the flow can re-classify and re-locate, then ask only what is missing.
       * Counts as one of the step's retries when the flow comes back to it.
       */
      on_content: stepIdSchema.optional(),
      /** Where to go when the reply is a plain no (keywords.yaml `no_words`: "tidak", "bukan", "salah"). */
      on_no: stepIdSchema.optional(),
      /**
       * A question the citizen may ignore: a reply that is no answer ends this conversation and is
       * handled as a new message (a new complaint, STATUS), without retries.
       */
      optional: z.boolean().default(false),
      next,
    }),
    z.strictObject({
      id: stepIdSchema,
      type: z.literal('classify'),
      /** Template of the text to classify; default: everything the citizen has written in this conversation. */
      text: z.string().optional(),
      /** Overrides categories.yaml `confidence_threshold`. */
      threshold: z.number().min(0).max(1).optional(),
      next,
    }),
    z.strictObject({ id: stepIdSchema, type: z.literal('locate'), text: z.string().optional(), next }),
    z.strictObject({
      id: stepIdSchema,
      type: z.literal('branch'),
      cases: z.array(z.strictObject({ when: conditionsSchema, goto: stepIdSchema })).min(1),
      default: stepIdSchema.optional(),
    }),
    z
      .strictObject({
        id: stepIdSchema,
        type: z.literal('goto'),
        step: stepIdSchema.optional(),
        flow: stepIdSchema.optional(),
      })
      .refine((s) => (s.step === undefined) !== (s.flow === undefined), {
        message: 'goto needs exactly one of step (same flow) or flow (start of another flow)',
      }),
    z.strictObject({ id: stepIdSchema, type: z.literal('create_report'), next }),
    /** Records `citizen_category` on the report this conversation already created ({{ref}}). */
    z.strictObject({ id: stepIdSchema, type: z.literal('update_report'), next }),
    z.strictObject({ id: stepIdSchema, type: z.literal('end'), text: localizedTextSchema.optional() }),
  ],
  {
    error: 'type must be one of say, ask, classify, locate, branch, goto, create_report, update_report, end',
  },
);
export type Step = z.infer<typeof stepSchema>;
export type StepOf<T extends Step['type']> = Extract<Step, { type: T }>;

/** What makes a flow a survey (flows/surveys/): how citizens start it and how staff invite them. */
export const surveyMetaSchema = z.strictObject({
  /** The survey's name in the workspace and in results. */
  title: localizedTextSchema,
  /** Words that start it at any time ("nilai dlh"), printed on posters; a whole message. */
  keywords: z.strictObject({
    id: z.array(z.string().trim().min(1)).default([]),
    en: z.array(z.string().trim().min(1)).default([]),
  }),
  /**
   * The SMS a campaign sends: it asks the first question itself, so an invited citizen answers with
   * one SMS. The conversation then waits on the start step, which must be an `ask`.
   */
  invitation: localizedTextSchema,
});
export type SurveyMeta = z.infer<typeof surveyMetaSchema>;

export const flowSchema = z.strictObject({
  id: stepIdSchema,
  description: z.string().optional(),
  /** Present on surveys: answers are stored as survey responses, linked to the contact id only. */
  survey: surveyMetaSchema.optional(),
  /** First step; default: the first in the list. */
  start: stepIdSchema.optional(),
  steps: z.array(stepSchema).min(1, 'a flow needs at least one step'),
});
export type Flow = z.infer<typeof flowSchema>;
