export const CATEGORIES = ['licensing', 'environmental', 'revenue', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The classifier's decision on one message, with what drove it (shown to the secretariat). */
export interface Classification {
  category: Category;
  /** Calibrated probability that `category` is right, 0..1. */
  confidence: number;
  scores: Record<Category, number>;
  /** Terms or features that pushed the decision, most influential first. */
  evidence: string[];
}

export type Classify = (text: string) => Classification;
