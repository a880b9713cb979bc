import { CATEGORIES } from './classification.js';
import type { Evaluation } from './evaluate-predictions.js';

const pct = (value: number): string => value.toFixed(3);
const pad = (text: string | number, width: number): string => String(text).padStart(width);

/** The plain-text report of `suara classify eval`. */
export function formatEvaluation(evaluation: Evaluation, title: string): string {
  const lines = [title, ''];
  lines.push(`messages     ${evaluation.total}`);
  lines.push(`accuracy     ${pct(evaluation.accuracy)}`);
  lines.push(`macro-F1     ${pct(evaluation.macroF1)}`);
  lines.push('');
  lines.push(
    `${'category'.padEnd(14)}${pad('precision', 10)}${pad('recall', 8)}${pad('F1', 7)}${pad('support', 9)}`,
  );
  for (const category of CATEGORIES) {
    const metrics = evaluation.perClass[category];
    lines.push(
      `${category.padEnd(14)}${pad(pct(metrics.precision), 10)}${pad(pct(metrics.recall), 8)}${pad(pct(metrics.f1), 7)}${pad(metrics.support, 9)}`,
    );
  }
  lines.push('');
  lines.push('confusion matrix (rows: actual, columns: predicted)');
  const short = CATEGORIES.map((category) => category.slice(0, 5));
  lines.push(`${''.padEnd(14)}${short.map((name) => pad(name, 7)).join('')}`);
  for (const actual of CATEGORIES) {
    lines.push(
      `${actual.padEnd(14)}${CATEGORIES.map((predicted) => pad(evaluation.confusion[actual][predicted], 7)).join('')}`,
    );
  }
  const { confident, threshold } = evaluation;
  lines.push('');
  lines.push(
    `confident precision  ${pct(confident.precision)}  (${confident.correct}/${confident.predictions} licensing/environmental/revenue predictions with confidence >= ${threshold})`,
  );
  lines.push(
    `confident coverage   ${pct(confident.coverage)}  (share of licensing/environmental/revenue predictions confirmed without the menu)`,
  );
  lines.push(
    `calibration error    ${pct(evaluation.calibrationError)}  (expected calibration error over 10 confidence bins; 0 = confidences mean what they say)`,
  );
  return lines.join('\n');
}
