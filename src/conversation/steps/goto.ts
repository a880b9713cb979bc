import type { StepOf } from '../flow-schema.js';
import type { StepOutcome } from '../turn.js';

export function executeGoto(step: StepOf<'goto'>): StepOutcome {
  if (step.flow) return { kind: 'flow', flowId: step.flow };
  return { kind: 'goto', stepId: step.step ?? '' };
}
