import type { StepOutcome } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';

export function executeGoto(step: StepOf<'goto'>): StepOutcome {
  if (step.flow) return { kind: 'flow', flowId: step.flow };
  return { kind: 'goto', stepId: step.step ?? '' };
}
