import { asCategory } from '../engine/session.js';
import { afterStep, type StepOutcome, setVar, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';

/**
 * The citizen corrected (or confirmed) the category after getting the code: asks the runtime to
 * record their choice on the report this conversation created, as their decision.
 */
export function executeUpdateReport(step: StepOf<'update_report'>, turn: Turn): StepOutcome {
  const vars = turn.conversation.vars;
  const choice = asCategory(vars.citizen_category);
  if (typeof vars.ref === 'string' && vars.ref !== '' && choice) {
    turn.effects.push({ type: 'update_report', referenceCode: vars.ref, citizenChoice: choice });
    setVar(turn, 'category', choice);
  }
  return afterStep(turn, step);
}
