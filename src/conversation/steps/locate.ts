import { applyLocation, locationRank, statusOf } from '../engine/apply-location.js';
import { afterStep, type StepOutcome, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';
import { renderTemplate } from '../flows/render-template.js';

/**
 * Looks for the place in what the citizen already wrote, so the flow asks for a location only when
 * it is missing (`location_status` missing/partial) or ambiguous. Run again after more words came
 * in, it keeps a place already settled (perhaps from an answer to "where?") unless it now reads a
 * better one.
 */
export function executeLocate(step: StepOf<'locate'>, turn: Turn): StepOutcome {
  const vars = turn.conversation.vars;
  const text = step.text
    ? renderTemplate(step.text, (name) => {
        const v = vars[name];
        return v === undefined || v === null ? undefined : String(v);
      })
    : turn.conversation.texts.join('\n');
  const resolution = turn.ctx.resolveLocation(text);
  if (locationRank(statusOf(resolution)) >= locationRank(vars.location_status))
    applyLocation(vars, resolution);
  return afterStep(turn, step);
}
