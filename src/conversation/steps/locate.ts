import { applyLocation } from '../apply-location.js';
import type { StepOf } from '../flow-schema.js';
import { renderTemplate } from '../render-template.js';
import { afterStep, type StepOutcome, type Turn } from '../turn.js';

/**
 * Looks for the place in what the citizen already wrote, so the flow asks for a location only when
 * it is missing (`location_status` missing/partial) or ambiguous.
 */
export function executeLocate(step: StepOf<'locate'>, turn: Turn): StepOutcome {
  const vars = turn.conversation.vars;
  const text = step.text
    ? renderTemplate(step.text, (name) => {
        const v = vars[name];
        return v === undefined || v === null ? undefined : String(v);
      })
    : turn.conversation.texts.join('\n');
  applyLocation(vars, turn.ctx.resolveLocation(text), text);
  return afterStep(turn, step);
}
