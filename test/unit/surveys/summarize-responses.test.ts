import { beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../../src/conversation/flows/flow-schema.js';
import { loadFlows } from '../../../src/conversation/flows/load-flows.js';
import { projectPath } from '../../../src/project-path.js';
import { type ResponseRecord, summarizeResponses } from '../../../src/surveys/summarize-responses.js';

const RECORDS: ResponseRecord[] = [
  {
    answers: { rating: 5, responded: true, priority: 'water', comment: 'Sungai' },
    channel: 'sms',
    regencyCode: '64.02',
    completed: true,
  },
  {
    answers: { rating: 4, responded: false, priority: 'water' },
    channel: 'sms',
    regencyCode: '64.02',
    completed: true,
  },
  { answers: { rating: 4, responded: true }, channel: 'whatsapp', regencyCode: '64.72', completed: false },
  { answers: { rating: 2 }, channel: 'sms', regencyCode: null, completed: false },
  { answers: {}, channel: 'sms', regencyCode: '64.02', completed: false },
];

describe('summarizeResponses', () => {
  let flow: Flow;
  beforeAll(async () => {
    const loaded = await loadFlows(projectPath('flows'));
    if (!loaded.ok) throw new Error('flows do not load');
    const survey = loaded.flows.flows.nilai_dlh;
    if (!survey) throw new Error('nilai_dlh missing');
    flow = survey;
  });

  it('gives the counts, distribution, mean and interval computed by hand', () => {
    const summary = summarizeResponses(flow, RECORDS);
    expect(summary.responses).toBe(5);
    expect(summary.completed).toBe(2);
    expect(summary.completionRate).toBe(0.4);
    const rating = summary.questions.find((q) => q.name === 'rating');
    expect(rating?.distribution).toEqual([
      { value: '1', count: 0 },
      { value: '2', count: 1 },
      { value: '3', count: 0 },
      { value: '4', count: 2 },
      { value: '5', count: 1 },
    ]);
    // Ratings 5, 4, 4, 2: mean 15/4 = 3.75; squared deviations 1.5625 + 0.0625 + 0.0625 + 3.0625 = 4.75;
    // s² = 4.75 / 3; s = 1.258306; s/√4 = 0.629153; 1.96 × 0.629153 = 1.233140.
    expect(rating?.rating?.n).toBe(4);
    expect(rating?.rating?.mean).toBe(3.75);
    expect(rating?.rating?.low).toBeCloseTo(2.51686, 5);
    expect(rating?.rating?.high).toBeCloseTo(4.98314, 5);
    expect(summary.questions.find((q) => q.name === 'responded')?.distribution).toEqual([
      { value: 'true', count: 2 },
      { value: 'false', count: 1 },
    ]);
    expect(summary.questions.find((q) => q.name === 'priority')?.distribution[0]).toEqual({
      value: 'water',
      count: 2,
    });
    expect(summary.comments).toEqual(['Sungai']);
  });

  it('splits by regency and channel', () => {
    const summary = summarizeResponses(flow, RECORDS);
    expect(summary.byRegency.map((g) => [g.key, g.responses, g.completed, g.rating.mean])).toEqual([
      ['64.02', 3, 2, 4.5],
      ['64.72', 1, 0, 4],
      ['unknown', 1, 0, 2],
    ]);
    const sms = summary.byChannel.find((g) => g.key === 'sms');
    expect(sms?.responses).toBe(4);
    expect(sms?.rating.mean).toBeCloseTo(11 / 3, 10);
    expect(summary.byChannel.find((g) => g.key === 'whatsapp')?.rating).toEqual({
      n: 1,
      mean: 4,
      low: null,
      high: null,
    });
  });
});
