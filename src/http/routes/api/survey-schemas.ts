import { z } from 'zod';

export const audienceSchema = z.object({
  regencies: z
    .array(z.string().regex(/^\d{2}\.\d{2}$/, 'a regency code such as 64.02'))
    .max(50)
    .default([]),
  category: z.enum(['licensing', 'environmental', 'revenue', 'other']).nullable().default(null),
  from: z.iso.date().nullable().default(null),
  to: z.iso.date().nullable().default(null),
});

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  surveyId: z.string().min(1).max(60),
  provinceCode: z.string().regex(/^\d{2}$/, 'a province code such as 64'),
  audience: audienceSchema,
  startAt: z.iso.datetime().optional(),
});

export const previewSchema = z.object({
  recipients: z.number(),
  sms: z.number(),
  cost: z.number(),
  currency: z.string(),
  unpricedProviders: z.array(z.string()),
  invitation: z.object({ id: z.string(), en: z.string() }),
  startAt: z.string(),
  timeZone: z.string(),
});

export const campaignViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  surveyId: z.string(),
  provinceCode: z.string(),
  status: z.string(),
  startAt: z.string(),
  createdAt: z.string(),
  estimate: z.object({ recipients: z.number(), sms: z.number(), cost: z.number(), currency: z.string() }),
  audience: z.object({
    regencies: z.array(z.string()),
    category: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  progress: z
    .object({
      pending: z.number(),
      sent: z.number(),
      skipped: z.number(),
      cancelled: z.number(),
      delivered: z.number(),
      failed: z.number(),
    })
    .optional(),
});

const ratingSchema = z.object({
  n: z.number(),
  mean: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

export const summarySchema = z.object({
  responses: z.number(),
  completed: z.number(),
  completionRate: z.number().nullable(),
  questions: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      answered: z.number(),
      distribution: z.array(z.object({ value: z.string(), count: z.number() })),
      rating: ratingSchema.optional(),
    }),
  ),
  byRegency: z.array(
    z.object({ key: z.string(), responses: z.number(), completed: z.number(), rating: ratingSchema }),
  ),
  byChannel: z.array(
    z.object({ key: z.string(), responses: z.number(), completed: z.number(), rating: ratingSchema }),
  ),
  comments: z.array(z.string()),
});
