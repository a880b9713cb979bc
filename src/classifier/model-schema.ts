import { z } from 'zod';
import { CATEGORIES } from './classification.js';

const classWeights = z.array(z.number()).length(CATEGORIES.length);

/** models/classifier.json: a softmax regression over lexicon and n-gram features, with its calibration. */
export const modelSchema = z.object({
  version: z.literal(1),
  classes: z.tuple([
    z.literal('licensing'),
    z.literal('environmental'),
    z.literal('revenue'),
    z.literal('other'),
  ]),
  /** Fingerprint of categories.yaml + slang.yaml at training time; a mismatch means "retrain". */
  knowledgeFingerprint: z.string(),
  temperature: z.number().positive(),
  /** Fitted on held-out folds of the training data only. */
  calibration: z.object({
    /** Held-out predictions the temperature and threshold were fitted on. */
    heldOut: z.number().int().nonnegative(),
    /** Lowest confidence at which held-out topical guesses reached `targetPrecision` (1 = never). */
    threshold: z.number().min(0).max(1),
    targetPrecision: z.number().min(0).max(1),
  }),
  bias: classWeights,
  /** feature name -> one weight per class, in `classes` order. */
  weights: z.record(z.string(), classWeights),
  training: z.object({
    examples: z.number().int().nonnegative(),
    seed: z.number().int(),
    epochs: z.number().int().positive(),
    l2: z.number().nonnegative(),
    lexiconL2: z.number().nonnegative(),
  }),
});

export type ModelFile = z.infer<typeof modelSchema>;
