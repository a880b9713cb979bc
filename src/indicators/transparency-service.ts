import { appendAudit } from '../audit/append-audit.js';
import type { Staff } from '../auth/staff.js';
import { CATEGORIES, type Category } from '../classifier/classification.js';
import type { Db } from '../db/database.js';
import { isoDateOf, localDay } from '../triage/local-day.js';
import { firstOfMonth } from './indicator-range.js';
import { INDICATOR_CATEGORIES, type IndicatorCategory, type ProvinceIndicators } from './indicator-report.js';
import type { IndicatorService } from './indicator-service.js';
import { listPublicProvinces, setPublicProvince } from './public-province-repository.js';
import { MIN_PUBLIC_COUNT, type SuppressedTable, suppressSmallCells } from './suppress-small-cells.js';

export const PUBLIC_STAGES = ['received', 'validated', 'followedUp', 'closedResolved'] as const;

/** What the public page may show of one province: aggregates only, small cells suppressed. */
export interface PublicProvince {
  provinceCode: string;
  /** Rows: months; columns: CATEGORIES. */
  months: string[];
  byMonth: SuppressedTable;
  /** Rows: PUBLIC_STAGES; columns: CATEGORIES. */
  byStage: SuppressedTable;
  indicators: Record<
    IndicatorCategory,
    { identified: number | null; followedUp: number | null; percent: number | null }
  >;
}

export interface PublicFigures {
  from: string;
  to: string;
  generatedAt: string;
  provinces: PublicProvince[];
}

/** Five minutes: fresh enough for monthly figures, and a burst of visitors costs one computation. */
const CACHE_MS = 5 * 60_000;

function publicProvince(row: ProvinceIndicators): PublicProvince {
  const months = row.series.map((p) => p.period);
  const byMonth = suppressSmallCells(
    row.series.map((p) => CATEGORIES.map((c) => p.byCategory[c])),
    { rows: true, columns: true },
  );
  const funnel = new Map(row.funnel.map((f) => [f.category, f]));
  const stage = (category: Category, key: (typeof PUBLIC_STAGES)[number]) => funnel.get(category)?.[key] ?? 0;
  // Stages nest (validated ⊂ received), so only the sum across categories is a total.
  const byStage = suppressSmallCells(
    PUBLIC_STAGES.map((key) => CATEGORIES.map((c) => stage(c, key))),
    { rows: true, columns: false },
  );
  const shown = (n: number) => (n >= MIN_PUBLIC_COUNT ? n : null);
  const indicators = Object.fromEntries(
    INDICATOR_CATEGORIES.map((category) => {
      const { identified, followedUp, percent } = row.indicators[category];
      const visible = shown(identified) !== null && shown(followedUp) !== null;
      return [
        category,
        {
          identified: shown(identified),
          followedUp: visible ? followedUp : null,
          percent: visible ? percent : null,
        },
      ];
    }),
  ) as PublicProvince['indicators'];
  return { provinceCode: row.provinceCode, months, byMonth, byStage, indicators };
}

/** The public transparency page's figures and the admins' switch for it, per province. */
export function createTransparencyService(deps: { db: Db; indicators: IndicatorService; clock: () => Date }) {
  let cached: { at: number; figures: PublicFigures | null } | null = null;

  return {
    published: () => listPublicProvinces(deps.db),

    async setPublished(
      staff: Staff,
      provinceCode: string,
      enabled: boolean,
      ip: string | null,
    ): Promise<boolean> {
      const changed = await deps.db.transaction(async (tx) => {
        const changed = await setPublicProvince(tx, provinceCode, enabled, staff.userId);
        if (changed)
          await appendAudit(tx, {
            actorUserId: staff.userId,
            actor: staff.email,
            action: enabled ? 'transparency.publish' : 'transparency.unpublish',
            subjectType: 'province',
            subjectId: provinceCode,
            ip,
          });
        return changed;
      });
      cached = null;
      return changed;
    },

    /** The last twelve months, null when no province is published. */
    async figures(): Promise<PublicFigures | null> {
      const now = deps.clock();
      if (cached && now.getTime() - cached.at < CACHE_MS) return cached.figures;
      const provinces = await listPublicProvinces(deps.db);
      let figures: PublicFigures | null = null;
      if (provinces.length) {
        const to = isoDateOf(localDay(now, 'Asia/Jakarta'));
        const from = firstOfMonth(to, -11);
        const result = await deps.indicators.report(provinces, { provinces, from, to, groupBy: 'month' });
        if (!result.ok) throw new Error(result.message);
        figures = {
          from,
          to,
          generatedAt: now.toISOString(),
          provinces: result.value.provinces
            .filter((row) => provinces.includes(row.provinceCode))
            .map(publicProvince),
        };
      }
      cached = { at: now.getTime(), figures };
      return figures;
    },
  };
}

export type TransparencyService = ReturnType<typeof createTransparencyService>;
