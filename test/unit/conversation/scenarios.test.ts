import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classify } from '../../../src/classifier/classification.js';
import { loadClassifier } from '../../../src/classifier/load-classifier.js';
import type { FlowSet } from '../../../src/conversation/flows/flow-set.js';
import { createInMemoryGateway } from '../../../src/conversation/simulator/in-memory-gateway.js';
import { loadGazetteer } from '../../../src/geo/load-gazetteer.js';
import type { ResolveLocation } from '../../../src/geo/location-resolution.js';
import { projectPath } from '../../../src/project-path.js';
import { generateReferenceCode } from '../../../src/reports/reference-code.js';
import { runScenario } from '../../support/run-scenario.js';
import { parseScenario } from '../../support/scenario.js';
import { messageCost } from './support/message-cost.js';
import { standInClassify, standInResolveLocation } from './support/stand-ins.js';
import { loadProjectFlows } from './support/test-flows.js';

// The transcripts in test/flows/ played against the pure engine with the real classifier and
// gazetteer; an end-to-end runner replays the same files through webhook, queue and Postgres.
const dir = projectPath('test/flows');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

let flows: FlowSet;
let classify: Classify = standInClassify;
let resolveLocation: ResolveLocation = standInResolveLocation;
let resolveLocationReply: ResolveLocation = standInResolveLocation;
const messagesToCode: number[] = [];
let maxSmsSegments = 0;

beforeAll(async () => {
  flows = await loadProjectFlows();
  try {
    classify = (await loadClassifier()).classify;
    const gazetteer = await loadGazetteer();
    resolveLocation = gazetteer.resolveLocation;
    resolveLocationReply = gazetteer.resolveLocationReply;
  } catch (error) {
    console.warn(`scenarios run with stand-ins: ${error instanceof Error ? error.message : String(error)}`);
  }
});

afterAll(() => {
  const cost = messageCost(messagesToCode);
  console.log(
    `scenarios: ${files.length} files, ${cost.reports} reports; median citizen messages to a reference code: ${cost.median}; ` +
      `90th percentile: ${cost.p90}; longest SMS reply: ${maxSmsSegments} segment(s)`,
  );
});

describe('flow scenarios (test/flows)', () => {
  it('has at least 25 transcripts', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const file of files) {
    it(file, async () => {
      const parsed = parseScenario(file, readFileSync(join(dir, file), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error);
      let seed = 12345;
      const gateway = createInMemoryGateway({
        flows,
        classify,
        resolveLocation,
        resolveLocationReply,
        // Deterministic but well-formed codes, so a failing transcript replays identically.
        nextReferenceCode: () =>
          generateReferenceCode({
            randomInt: (max) => {
              seed = (seed * 1103515245 + 12345) % 2147483648;
              return Math.floor(seed / 65536) % max;
            },
          }),
      });
      const outcome = await runScenario(parsed.scenario, gateway);
      messagesToCode.push(...outcome.messagesToCode);
      maxSmsSegments = Math.max(maxSmsSegments, outcome.maxSmsSegments);
      expect(outcome.failures, outcome.transcript.join('\n')).toEqual([]);
    });
  }

  // Runs after every transcript above (tests in a file run in order).
  it('keeps the citizen messages to a code within test/flows/message-cost.json, every reply one SMS', () => {
    const cost = messageCost(messagesToCode);
    expect(cost.reports).toBeGreaterThanOrEqual(cost.limits.min_reports);
    expect(cost.median).toBeLessThanOrEqual(cost.limits.median_max);
    expect(cost.p90).toBeLessThanOrEqual(cost.limits.p90_max);
    expect(maxSmsSegments).toBe(1);
  });
});
