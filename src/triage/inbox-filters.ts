import { z } from 'zod';
import { CATEGORIES } from '../classifier/classification.js';
import { REPORT_STATUSES } from '../db/schema/reports.js';

const flag = z
  .enum(['true', 'false', '1', '0', 'on', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'on')
  .optional();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'use a date such as 2026-07-31' })
  .optional()
  .or(z.literal('').transform(() => undefined));
const blankToUndefined = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const CATEGORY_SOURCES = ['classifier', 'citizen', 'both', 'staff'] as const;

/** The inbox's filters: query parameters of GET /api/v1/reports and of the /triage page alike. */
export const inboxFiltersSchema = z.object({
  status: blankToUndefined(z.enum(REPORT_STATUSES)),
  category: blankToUndefined(z.enum(CATEGORIES)),
  categorySource: blankToUndefined(z.enum(CATEGORY_SOURCES)),
  lowConfidence: flag,
  province: blankToUndefined(z.string().regex(/^\d{2}$/, { error: 'a two-digit province code' })),
  regency: blankToUndefined(z.string().regex(/^\d{2}\.\d{2}$/, { error: 'a regency code such as 64.02' })),
  from: day,
  to: day,
  channel: blankToUndefined(z.enum(['sms', 'whatsapp'])),
  withMedia: flag,
  overdue: flag,
  assignedToMe: flag,
  q: blankToUndefined(z.string().trim().max(200)),
  includeSimulated: flag,
  cursor: blankToUndefined(z.string().max(200)),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type InboxFilters = z.infer<typeof inboxFiltersSchema>;
