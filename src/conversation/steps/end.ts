import type { StepOf } from '../flow-schema.js';
import { type StepOutcome, say, type Turn } from '../turn.js';

export function executeEnd(step: StepOf<'end'>, turn: Turn): StepOutcome {
  if (step.text) say(turn, step.text);
  return { kind: 'end' };
}
