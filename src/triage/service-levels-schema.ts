import { z } from 'zod';
import { CATEGORIES, type Category } from '../classifier/classification.js';
import type { DueKind } from '../db/schema/reports.js';

/** Working days allowed for each stage, all counted from the report's receipt. */
export type Deadlines = Readonly<Record<DueKind, number>>;

/** flows/service-levels.yaml after validation, with each category's deadlines fully resolved. */
export interface ServiceLevels {
  deadlines: Readonly<Record<'default' | Category, Deadlines>>;
  /** Public holidays and cuti bersama as local `YYYY-MM-DD` dates. */
  holidays: ReadonlySet<string>;
}

// About one working year: a larger value is almost certainly a typo (calendar days, an extra zero).
const MAX_DAYS = 250;
const STAGE_PAIRS: readonly (readonly [DueKind, DueKind])[] = [
  ['triage', 'follow_up'],
  ['follow_up', 'closure'],
];

const workingDays = z
  .number({ error: 'must be a number of working days, e.g. 14' })
  .int({ error: 'must be a whole number of working days' })
  .min(1, { error: 'must be at least 1 working day' })
  .max(MAX_DAYS, { error: `must be at most ${MAX_DAYS} working days (about a year)` });

const fullDeadlines = z.strictObject({ triage: workingDays, follow_up: workingDays, closure: workingDays });

const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD, e.g. 2026-08-17' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: (issue) => `${String(issue.input)} must be written YYYY-MM-DD, e.g. 2026-08-17`,
  })
  .refine(isCalendarDate, { error: (issue) => `${String(issue.input)} is not a real calendar date` });

const override = fullDeadlines.partial().optional();
const categoryOverrides = {
  licensing: override,
  environmental: override,
  revenue: override,
  other: override,
} satisfies Record<Category, typeof override>;

/** The file as written: `default` in full, categories as partial overrides, holidays as a list. */
export const serviceLevelsFileSchema = z
  .strictObject({
    deadlines: z.strictObject({ default: fullDeadlines, ...categoryOverrides }),
    holidays: z.array(isoDate, { error: 'must be a list of dates, one "- YYYY-MM-DD" per line' }),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.holidays.forEach((date, index) => {
      if (seen.has(date))
        ctx.addIssue({ code: 'custom', path: ['holidays', index], message: `${date} is listed twice` });
      seen.add(date);
    });
    const resolved = resolveDeadlines(file.deadlines);
    for (const key of ['default', ...CATEGORIES] as const) {
      const written = file.deadlines[key] ?? {};
      for (const [before, after] of STAGE_PAIRS) {
        const deadlines = resolved[key];
        if (deadlines[before] <= deadlines[after]) continue;
        // A category that sets neither value repeats default's mistake, which default reports itself.
        if (written[before] === undefined && written[after] === undefined) continue;
        const inherited = written[after] === undefined;
        ctx.addIssue({
          code: 'custom',
          path: ['deadlines', key, inherited ? before : after],
          message: `${after} (${deadlines[after]} days${inherited ? ', from default' : ''}) would be due before ${before} (${deadlines[before]} days); each stage must be due no earlier than the one before it`,
        });
      }
    }
  });

export type ServiceLevelsFile = z.infer<typeof serviceLevelsFileSchema>;

/** Validates the parsed YAML and resolves it into ServiceLevels. */
export const serviceLevelsSchema = serviceLevelsFileSchema.transform(
  (file): ServiceLevels => ({
    deadlines: resolveDeadlines(file.deadlines),
    holidays: new Set(file.holidays),
  }),
);

function resolveDeadlines(deadlines: ServiceLevelsFile['deadlines']): ServiceLevels['deadlines'] {
  const merged = (category: Category): Deadlines => ({ ...deadlines.default, ...deadlines[category] });
  return {
    default: deadlines.default,
    licensing: merged('licensing'),
    environmental: merged('environmental'),
    revenue: merged('revenue'),
    other: merged('other'),
  };
}

function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
