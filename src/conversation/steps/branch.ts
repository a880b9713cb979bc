import { evaluateConditions } from '../engine/evaluate-conditions.js';
import { afterStep, type StepOutcome, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';

/** The first case whose conditions hold; else `default`, else the following step. */
export function executeBranch(step: StepOf<'branch'>, turn: Turn): StepOutcome {
  const match = step.cases.find((c) => evaluateConditions(c.when, turn.conversation.vars));
  return afterStep(turn, step, match?.goto ?? step.default);
}
