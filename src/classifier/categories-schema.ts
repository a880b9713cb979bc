import { z } from 'zod';

const labelSchema = z.object({
  id: z.string().min(1, 'give the Indonesian label, e.g. id: Lingkungan'),
  en: z.string().min(1, 'give the English label, e.g. en: Environment'),
});

const keywordsSchema = z
  .record(
    z.string().min(1),
    z
      .number({ error: 'each keyword needs a numeric weight, e.g. "limbah: 3"' })
      .min(-5, 'weights stay between -5 and 5')
      .max(5, 'weights stay between -5 and 5'),
  )
  .superRefine((keywords, context) => {
    for (const term of Object.keys(keywords)) {
      if (/\*./.test(term) || (term.includes(' ') && term.includes('*'))) {
        context.addIssue({
          code: 'custom',
          path: [term],
          message: 'a "*" may only end a single word, e.g. "pollut*"',
        });
      }
    }
  });

const categorySchema = z.object({
  label: labelSchema,
  description: labelSchema,
  keywords: keywordsSchema,
});

/** flows/categories.yaml: the labels the flows show and the lexicon the classifier matches. */
export const categoriesSchema = z.object({
  confidence_threshold: z
    .number({ error: 'set confidence_threshold to a number between 0 and 1, e.g. 0.6' })
    .min(0)
    .max(1),
  // Spelled out (not built from CATEGORIES) so zod infers exact keys without a cast.
  categories: z.strictObject({
    licensing: categorySchema,
    environmental: categorySchema,
    revenue: categorySchema,
    other: categorySchema,
  }),
});

export type CategoriesFile = z.infer<typeof categoriesSchema>;
export type CategoryDefinition = z.infer<typeof categorySchema>;
