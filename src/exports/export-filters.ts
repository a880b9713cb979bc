import { z } from 'zod';
import { CATEGORIES } from '../classifier/classification.js';
import { REPORT_STATUSES } from '../db/schema/reports.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'jsonl', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const list = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(item).max(50));

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

/** What an export request may ask for; each list is comma-separated. */
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  category: list(z.enum(CATEGORIES)),
  province: list(z.string().regex(/^\d{2}$/, 'province codes are two digits, e.g. 64')),
  regency: list(z.string().regex(/^\d{2}\.\d{2}$/, 'regency codes look like 64.02')),
  status: list(z.enum(REPORT_STATUSES)),
  from: localDate.optional().describe('First day received (WIB), YYYY-MM-DD'),
  to: localDate.optional().describe('Last day received (WIB), YYYY-MM-DD'),
  since: z
    .string()
    .max(4000)
    .optional()
    .describe('The X-Export-Cursor of a previous export: only what changed after it'),
  hxl: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('CSV: add an HXL hashtag row under the header'),
});

export type ExportQuery = z.infer<typeof exportQuerySchema>;
