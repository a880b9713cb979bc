import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChaosDeployment,
  type DeploymentMode,
  startChaosDeployment,
} from './support/chaos-deployment.js';
import { formatChaosFigures } from './support/format-chaos-figures.js';
import { type ChaosFigures, runChaosScenario } from './support/run-chaos-scenario.js';

/**
 * Issue 12's promise under faults: a few thousand signed webhooks while processes are SIGKILLed, Redis
 * and Postgres go away and backends are terminated mid-transaction. Nothing acknowledged is lost or
 * stored twice, every reply reaches the provider exactly once, nothing stays dead that should have
 * recovered, and no number or text is left readable in Redis.
 */
export function describeFaultsUnderLoad(mode: DeploymentMode, title: string): void {
  describe(title, () => {
    let deployment: ChaosDeployment;
    let figures: ChaosFigures;

    beforeAll(async () => {
      deployment = await startChaosDeployment(mode);
      figures = await runChaosScenario(deployment);
      console.log(formatChaosFigures(figures));
    });
    afterAll(async () => {
      await deployment?.close();
    });

    it('stores every acknowledged message exactly once and handles it', () => {
      // Counts, with a few MessageSids to look up: a list of hundreds would drown the report.
      const sample = (sids: string[]) => ({ count: sids.length, first: sids.slice(0, 5) });
      expect(sample(figures.inbound.missing)).toEqual(sample([]));
      expect(figures.inbound.storedTwice).toBe(0);
      expect(sample(figures.inbound.deadLettered)).toEqual(sample([]));
      expect(sample(figures.inbound.unhandled)).toEqual(sample([]));
      expect(figures.inbound.storedOnce).toBe(figures.inbound.acknowledged);
      // A run where the faults refused everything proves nothing.
      expect(figures.inbound.acknowledged).toBeGreaterThan(figures.sent / 2);
    });

    it('sends every reply exactly once', () => {
      expect(figures.replies.stored).toBeGreaterThan(0);
      expect({
        duplicates: figures.replies.duplicates,
        unsent: figures.replies.unsent,
        unmatched: figures.replies.unmatched,
      }).toEqual({ duplicates: 0, unsent: {}, unmatched: 0 });
    });

    it('recovers from every fault on its own, within the bound, and settles', () => {
      expect(figures.unexpectedExits).toEqual([]);
      expect(figures.deadAtEnd).toEqual([]);
      const unrecovered = figures.faults.filter((fault) => fault.apiMs === null || fault.workersMs === null);
      expect(unrecovered.map((fault) => fault.kind)).toEqual([]);
      expect(figures.settleMs).not.toBeNull();
    });

    it('leaves no number or message text readable in Redis, its AOF or the logs', () => {
      expect(figures.plaintext.keys).toBeGreaterThan(0);
      expect(figures.plaintext.findings).toEqual([]);
    });
  });
}
