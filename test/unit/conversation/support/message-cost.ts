import { readFileSync } from 'node:fs';
import { projectPath } from '../../../../src/project-path.js';

export interface MessageCost {
  reports: number;
  median: number;
  /** Nearest-rank 90th percentile. */
  p90: number;
  /** The committed limits in test/flows/message-cost.json. */
  limits: { median_max: number; p90_max: number; min_reports: number };
}

/**
 * What reaching a reference code costs citizens over the scenario suite, with the limits both scenario
 * runners (in memory and end to end) assert, so a conversation that gets more expensive fails CI.
 */
export function messageCost(messagesToCode: readonly number[]): MessageCost {
  const sorted = [...messagesToCode].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const p90 = sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)] ?? 0;
  const limits: MessageCost['limits'] = JSON.parse(
    readFileSync(projectPath('test/flows/message-cost.json'), 'utf8'),
  );
  return { reports: sorted.length, median, p90, limits };
}
