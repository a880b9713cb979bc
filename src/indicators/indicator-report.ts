import type { Category } from '../classifier/classification.js';
import type { CloseOutcome, DueKind } from '../db/schema/reports.js';

/** The categories the programme's indicators are computed for: its two, and the environment's. */
export const INDICATOR_CATEGORIES = ['licensing', 'revenue', 'environmental'] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];

export const CATEGORY_SOURCES = ['both', 'citizen', 'classifier', 'staff'] as const;
export type CategorySource = (typeof CATEGORY_SOURCES)[number];

export type GroupBy = 'month' | 'quarter';

/** Problems identified (validated originals) and, of those, followed up through the forum. */
export interface IndicatorRatio {
  identified: number;
  followedUp: number;
  /** followedUp / identified × 100, one decimal; null when nothing was identified. */
  percent: number | null;
}

export interface FunnelRow {
  category: Category;
  received: number;
  validated: number;
  followedUp: number;
  closedResolved: number;
}

export interface PeriodCounts {
  /** `2026-07` or `2026-Q3`. */
  period: string;
  byCategory: Record<Category, number>;
  byChannel: { sms: number; whatsapp: number };
  total: number;
}

export interface RegencyCounts {
  /** '' for reports not placed in a regency. */
  code: string;
  received: number;
  identified: number;
}

export interface DurationSummary {
  reports: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface ProvinceIndicators {
  /** A province code, '' for reports without a province, or '*' for everything in scope. */
  provinceCode: string;
  received: number;
  duplicates: number;
  rejected: number;
  indicators: Record<IndicatorCategory, IndicatorRatio>;
  funnel: FunnelRow[];
  outcomes: Record<CloseOutcome, number>;
  series: PeriodCounts[];
  regencies: RegencyCounts[];
  durations: { triage: DurationSummary; followUp: DurationSummary; closure: DurationSummary };
  overdue: Record<DueKind, number>;
  citizens: number;
  categorySource: Record<CategorySource, number>;
}

export interface IndicatorReport {
  from: string;
  to: string;
  groupBy: GroupBy;
  generatedAt: string;
  /** Each province in scope with reports or asked for, then `total` over all of them. */
  provinces: ProvinceIndicators[];
  total: ProvinceIndicators;
}
