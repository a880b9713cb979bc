import { afterStep, type StepOutcome, setVar, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';
import { renderTemplate } from '../flows/render-template.js';

/**
 * Runs the injected classifier and records its decision. `category_confident` compares the confidence
 * with categories.yaml's threshold so the flow, not the code, decides between confirming and a menu.
 */
export function executeClassify(step: StepOf<'classify'>, turn: Turn): StepOutcome {
  const conversation = turn.conversation;
  const text = step.text
    ? renderTemplate(step.text, (name) => stringVar(turn, name))
    : conversation.texts.join('\n');
  const result = turn.ctx.classify(text);
  const threshold = step.threshold ?? turn.flows.categories.confidenceThreshold;
  setVar(turn, 'category', result.category);
  setVar(turn, 'classifier_category', result.category);
  setVar(turn, 'classifier_confidence', result.confidence);
  setVar(turn, 'classifier_evidence', [...result.evidence]);
  setVar(turn, 'category_confident', result.confidence >= threshold);
  return afterStep(turn, step);
}

function stringVar(turn: Turn, name: string): string | undefined {
  const value = turn.conversation.vars[name];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
}
