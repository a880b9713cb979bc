import { type StepOutcome, say, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';

export function executeEnd(step: StepOf<'end'>, turn: Turn): StepOutcome {
  if (step.text) say(turn, step.text);
  return { kind: 'end' };
}
