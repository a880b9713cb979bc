import type { FlowSet } from '../conversation/flows/flow-set.js';
import type { Db } from '../db/database.js';
import {
  MIN_PUBLIC_COUNT,
  type SuppressedTable,
  suppressSmallCells,
} from '../indicators/suppress-small-cells.js';
import { summarizeRatings } from './summarize-responses.js';
import { answersByProvince } from './survey-response-repository.js';

/** One survey's first rating question on the public page: counts per province and rating, suppressed. */
export interface PublicSurvey {
  surveyId: string;
  title: { id: string; en: string };
  /** Rating values, the table's columns. */
  values: string[];
  provinceCodes: string[];
  table: SuppressedTable;
  /** Mean rating per province (and overall, last), shown only from MIN_PUBLIC_COUNT ratings. */
  means: (number | null)[];
}

/**
 * Aggregated scorecard results for the public transparency page: per survey, the ratings given in each
 * published province since `since`, with the same small-cell suppression as the report figures (counts
 * under 5 hidden, and complementary cells so they cannot be worked out from the totals). Means are
 * shown only where at least 5 ratings stand behind them.
 */
export async function publicSurveyResults(
  deps: { db: Db; flows: () => FlowSet },
  provinces: readonly string[],
  since: Date,
): Promise<PublicSurvey[]> {
  const surveys: PublicSurvey[] = [];
  for (const flow of Object.values(deps.flows().flows)) {
    if (!flow.survey) continue;
    const step = flow.steps.find((s) => s.type === 'ask' && s.save_as && s.expect.type === 'rating');
    if (step?.type !== 'ask' || step.expect.type !== 'rating' || !step.save_as) continue;
    const { min, max } = step.expect;
    const name = step.save_as;
    const values = Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
    const rows = await answersByProvince(deps.db, flow.id, provinces, since);
    const ratings = provinces.map((code) =>
      rows.flatMap((r) => {
        const value = r.answers[name];
        return r.provinceCode === code && typeof value === 'number' ? [value] : [];
      }),
    );
    if (ratings.every((list) => list.length === 0)) continue;
    const counts = ratings.map((list) => values.map((v) => list.filter((n) => String(n) === v).length));
    const mean = (list: number[]) => (list.length >= MIN_PUBLIC_COUNT ? summarizeRatings(list).mean : null);
    surveys.push({
      surveyId: flow.id,
      title: flow.survey.title,
      values,
      provinceCodes: [...provinces],
      table: suppressSmallCells(counts, { rows: true, columns: true }),
      // The overall mean only beside every province's: otherwise a hidden province's could be worked out.
      means: [
        ...ratings.map(mean),
        ratings.every((list) => mean(list) !== null) ? mean(ratings.flat()) : null,
      ],
    });
  }
  return surveys;
}
