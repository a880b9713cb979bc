import { z } from 'zod';
import { CATEGORIES } from '../../classifier/classification.js';
import { languageSchema } from '../flows/flow-schema.js';

const varValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type VarValue = z.infer<typeof varValueSchema>;

/** A running conversation: where the citizen is in which flow, and what they said so far. */
export const conversationSchema = z.object({
  flowId: z.string(),
  stepId: z.string(),
  vars: z.record(z.string(), varValueSchema),
  /** Invalid replies to the current step so far. */
  retries: z.number().int().min(0),
  /** Everything the citizen wrote in their own words, answer or not, kept for the report. */
  texts: z.array(z.string()),
  media: z.array(z.object({ url: z.string(), contentType: z.string() })),
  startedAt: z.iso.datetime(),
  /** Citizen messages in this conversation so far, the measure of its cost to the citizen. */
  messages: z.number().int().min(0),
});
export type Conversation = z.infer<typeof conversationSchema>;

/**
 * Per-contact state, plain JSON so the runtime can keep it in Redis and mirror it to Postgres.
 * Validate with `sessionSchema.safeParse` when reading it back; a failure means "start fresh".
 */
export const sessionSchema = z.object({
  version: z.literal(1),
  language: languageSchema.nullable(),
  conversation: conversationSchema.nullable(),
  /** Time of the last inbound message, for idle expiry. */
  updatedAt: z.iso.datetime(),
  /** Times of recent messages sent to this contact, for loop protection. */
  recentSends: z.array(z.iso.datetime()),
  parkedUntil: z.iso.datetime().nullable(),
  /** Ids of the last messages handled (the runtime passes its stored message id), so a repeat is answered once. */
  seenMessageIds: z.array(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;

export function newSession(now: Date): Session {
  return {
    version: 1,
    language: null,
    conversation: null,
    updatedAt: now.toISOString(),
    recentSends: [],
    parkedUntil: null,
    seenMessageIds: [],
  };
}

/** Categories as the engine stores them in variables. */
export function asCategory(value: VarValue | undefined): (typeof CATEGORIES)[number] | null {
  return CATEGORIES.find((c) => c === value) ?? null;
}
