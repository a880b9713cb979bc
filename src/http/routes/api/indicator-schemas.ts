import { z } from 'zod';
import { CATEGORIES } from '../../../classifier/classification.js';
import { CLOSE_OUTCOMES, DUE_KINDS } from '../../../db/schema/reports.js';
import { CATEGORY_SOURCES, INDICATOR_CATEGORIES } from '../../../indicators/indicator-report.js';

const count = z.number().int();
const record = <K extends string>(keys: readonly [K, ...K[]], value: z.ZodType) =>
  z.object(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, z.ZodType>);

/** `?province=64&province=74` or `?province=64,74`. */
export const indicatorQuerySchema = z.object({
  province: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : [value].flat().flatMap((v) => v.split(','))))
    .pipe(z.array(z.string().regex(/^\d{2}$/, 'province codes are two digits, e.g. 64')).max(40)),
  from: z.string().optional().describe('First local date received, YYYY-MM-DD (default: 1 January)'),
  to: z.string().optional().describe('Last local date received, YYYY-MM-DD (default: today)'),
  groupBy: z.enum(['month', 'quarter']).default('month'),
});

const ratio = z.object({ identified: count, followedUp: count, percent: z.number().nullable() });
const duration = z.object({
  reports: count,
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
});

const provinceIndicatorsSchema = z.object({
  provinceCode: z.string().describe("A province code, '' for reports without one, '*' for the total"),
  received: count,
  duplicates: count,
  rejected: count,
  indicators: record(INDICATOR_CATEGORIES, ratio),
  funnel: z.array(
    z.object({
      category: z.enum(CATEGORIES),
      received: count,
      validated: count,
      followedUp: count,
      closedResolved: count,
    }),
  ),
  outcomes: record(CLOSE_OUTCOMES, count),
  series: z.array(
    z.object({
      period: z.string(),
      byCategory: record(CATEGORIES, count),
      byChannel: z.object({ sms: count, whatsapp: count }),
      total: count,
    }),
  ),
  regencies: z.array(z.object({ code: z.string(), received: count, identified: count })),
  durations: z.object({ triage: duration, followUp: duration, closure: duration }),
  overdue: record(DUE_KINDS, count),
  citizens: count,
  categorySource: record(CATEGORY_SOURCES, count),
});

export const indicatorReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['month', 'quarter']),
  generatedAt: z.string(),
  provinces: z.array(provinceIndicatorsSchema),
  total: provinceIndicatorsSchema,
});
