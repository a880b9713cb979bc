import { z } from 'zod';

const phraseList = z.array(z.string().min(1));

/** flows/slang.yaml: SMS spellings, regional words and discourse cues, rewritten before matching. */
export const slangSchema = z.object({
  words: z.record(
    z.string().regex(/^\S+$/, 'a `words` key is a single token; put multi-word rewrites under `phrases`'),
    z.string(),
  ),
  phrases: z.record(z.string().min(1), z.string()).default({}),
  polite_izin: phraseList.default([]),
  places: phraseList.default([]),
  negators: phraseList.default([]),
  negation_breakers: phraseList.default([]),
  contrast: phraseList.default([]),
  emphasis: phraseList.default([]),
  roots: phraseList.default([]),
});

export type SlangFile = z.infer<typeof slangSchema>;
