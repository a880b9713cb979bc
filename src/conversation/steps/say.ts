import { afterStep, type StepOutcome, say, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';

export function executeSay(step: StepOf<'say'>, turn: Turn): StepOutcome {
  say(turn, step.text);
  return afterStep(turn, step);
}
