import type { StepOf } from '../flow-schema.js';
import { afterStep, type StepOutcome, say, type Turn } from '../turn.js';

export function executeSay(step: StepOf<'say'>, turn: Turn): StepOutcome {
  say(turn, step.text);
  return afterStep(turn, step);
}
