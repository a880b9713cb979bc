import type { ReportDraft } from '../conversation/engine/effects.js';
import type { EngineResult } from '../conversation/engine/engine-types.js';
import type { Session } from '../conversation/engine/session.js';
import { conversationTransition } from './conversation-transition.js';
import { metrics } from './metrics.js';

/**
 * Counts what one committed conversation turn did: conversations started, completed, abandoned, and
 * the reports it filed (`filed`: the ones this turn inserted, not a retried job's earlier insert).
 */
export function recordTurnMetrics(
  before: Session | null,
  result: Pick<EngineResult, 'session' | 'effects'>,
  filed: readonly ReportDraft[],
  now: Date,
  idleTimeoutMs: number,
): void {
  metrics.conversationTurn(
    conversationTransition(before, result.session, result.effects, now, idleTimeoutMs),
  );
  for (const report of filed) {
    const classifier = report.provenance.classifier;
    metrics.reportCreated(
      report.category,
      report.location.provinceCode,
      classifier ? { category: classifier.category, confidence: classifier.confidence } : null,
    );
  }
}
