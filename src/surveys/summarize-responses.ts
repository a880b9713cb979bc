import type { Flow } from '../conversation/flows/flow-schema.js';
import type { SurveyAnswerValue } from '../db/schema/survey-responses.js';

/** One stored response as results need it: no contact identifier. */
export interface ResponseRecord {
  answers: Record<string, SurveyAnswerValue>;
  channel: string;
  regencyCode: string | null;
  completed: boolean;
}

export interface RatingSummary {
  n: number;
  mean: number | null;
  /** 95% confidence interval of the mean (normal approximation: mean ± 1.96 · s / √n); null below 2 answers. */
  low: number | null;
  high: number | null;
}

export interface QuestionSummary {
  name: string;
  type: 'rating' | 'choice' | 'yesno' | 'text' | 'number';
  answered: number;
  /** Answer value → count, in the order the flow lists them (ratings min..max); not for text. */
  distribution: { value: string; count: number }[];
  rating?: RatingSummary;
}

export interface GroupSummary {
  key: string;
  responses: number;
  completed: number;
  rating: RatingSummary;
}

export interface SurveySummary {
  responses: number;
  completed: number;
  /** completed / responses; null without responses. */
  completionRate: number | null;
  questions: QuestionSummary[];
  /** By the respondent's regency ("unknown" when Suara never learnt it) and by channel, on the first rating question. */
  byRegency: GroupSummary[];
  byChannel: GroupSummary[];
  /** Free-text answers, staff-only. */
  comments: string[];
}

const Z_95 = 1.96;

/** Results of a survey: pure, so a test can check every figure against a hand computation. */
export function summarizeResponses(flow: Flow, records: readonly ResponseRecord[]): SurveySummary {
  const questions: QuestionSummary[] = [];
  const comments: string[] = [];
  for (const step of flow.steps) {
    if (step.type !== 'ask' || !step.save_as) continue;
    const name = step.save_as;
    const values = records.flatMap((r) =>
      r.answers[name] === undefined || r.answers[name] === null ? [] : [r.answers[name]],
    );
    const expect = step.expect;
    if (expect.type === 'text') {
      comments.push(...values.map(String));
      questions.push({ name, type: 'text', answered: values.length, distribution: [] });
      continue;
    }
    const order =
      expect.type === 'rating'
        ? Array.from({ length: expect.max - expect.min + 1 }, (_, i) => String(expect.min + i))
        : expect.type === 'choice'
          ? expect.options.map((o) => o.value)
          : expect.type === 'yesno'
            ? ['true', 'false']
            : [];
    const counts = new Map<string, number>(order.map((v) => [v, 0]));
    for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
    const type =
      expect.type === 'rating' || expect.type === 'choice' || expect.type === 'yesno'
        ? expect.type
        : 'number';
    questions.push({
      name,
      type,
      answered: values.length,
      distribution: [...counts].map(([value, count]) => ({ value, count })),
      ...(type === 'rating' ? { rating: summarizeRatings(values.filter((v) => typeof v === 'number')) } : {}),
    });
  }
  const ratingName = questions.find((q) => q.type === 'rating')?.name;
  const group = (keyOf: (r: ResponseRecord) => string): GroupSummary[] => {
    const groups = new Map<string, ResponseRecord[]>();
    for (const record of records) groups.set(keyOf(record), [...(groups.get(keyOf(record)) ?? []), record]);
    return [...groups]
      .map(([key, rows]) => ({
        key,
        responses: rows.length,
        completed: rows.filter((r) => r.completed).length,
        rating: summarizeRatings(
          ratingName
            ? rows.flatMap((r) => (typeof r.answers[ratingName] === 'number' ? [r.answers[ratingName]] : []))
            : [],
        ),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  const completed = records.filter((r) => r.completed).length;
  return {
    responses: records.length,
    completed,
    completionRate: records.length ? completed / records.length : null,
    questions,
    byRegency: group((r) => r.regencyCode ?? 'unknown'),
    byChannel: group((r) => r.channel),
    comments,
  };
}

export function summarizeRatings(values: readonly number[]): RatingSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, low: null, high: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const half = (Z_95 * Math.sqrt(variance)) / Math.sqrt(n);
  return { n, mean, low: mean - half, high: mean + half };
}
