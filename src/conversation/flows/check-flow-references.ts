import type { FlowError } from './flow-error.js';
import type { Flow, Step } from './flow-schema.js';
import type { KeywordsFile } from './keywords-schema.js';

/** The step ids a step can lead to, with the field that names each. */
export function stepTargets(step: Step): { field: string; target: string }[] {
  const targets: { field: string; target: string }[] = [];
  if ('next' in step && step.next) targets.push({ field: 'next', target: step.next });
  if (step.type === 'ask') {
    if (step.on_fail) targets.push({ field: 'on_fail', target: step.on_fail });
    if (step.on_content) targets.push({ field: 'on_content', target: step.on_content });
    if (step.on_no) targets.push({ field: 'on_no', target: step.on_no });
  }
  if (step.type === 'branch') {
    step.cases.forEach((c, i) => {
      targets.push({ field: `cases.${i}.goto`, target: c.goto });
    });
    if (step.default) targets.push({ field: 'default', target: step.default });
  }
  if (step.type === 'goto' && step.step) targets.push({ field: 'step', target: step.step });
  return targets;
}

/**
 * Cross-file checks a schema cannot make: duplicate ids and references to steps or flows that do not
 * exist. These are load errors, not lint warnings, because the engine would stall on them.
 */
export function checkFlowReferences(
  flows: { file: string; flow: Flow }[],
  keywords: { file: string; config: KeywordsFile },
  brokenFlowIds: string[] = [],
): FlowError[] {
  const errors: FlowError[] = [];
  const flowIds = new Set<string>();
  const knownFlowIds = new Set<string>(brokenFlowIds);
  for (const { file, flow } of flows) {
    if (flowIds.has(flow.id))
      errors.push({ file, field: 'id', message: `flow id "${flow.id}" is used twice` });
    flowIds.add(flow.id);
    knownFlowIds.add(flow.id);
  }
  for (const { file, flow } of flows) {
    const stepIds = new Set<string>();
    for (const step of flow.steps) {
      if (stepIds.has(step.id)) {
        errors.push({
          file,
          stepId: step.id,
          field: 'id',
          message: 'step id used twice',
          hint: 'ids must be unique',
        });
      }
      stepIds.add(step.id);
    }
    if (flow.start && !stepIds.has(flow.start)) {
      errors.push({ file, field: 'start', message: `unknown step "${flow.start}"` });
    }
    for (const step of flow.steps) {
      for (const { field, target } of stepTargets(step)) {
        if (!stepIds.has(target)) {
          errors.push({
            file,
            stepId: step.id,
            field,
            message: `unknown step "${target}"`,
            hint: nearest(target, stepIds),
          });
        }
      }
      if (step.type === 'goto' && step.flow && !knownFlowIds.has(step.flow)) {
        errors.push({ file, stepId: step.id, field: 'flow', message: `unknown flow "${step.flow}"` });
      }
    }
  }
  if (!knownFlowIds.has(keywords.config.default_flow)) {
    errors.push({
      file: keywords.file,
      field: 'default_flow',
      message: `unknown flow "${keywords.config.default_flow}"`,
    });
  }
  keywords.config.keywords.forEach((k, i) => {
    if (k.flow && !knownFlowIds.has(k.flow)) {
      errors.push({ file: keywords.file, field: `keywords.${i}.flow`, message: `unknown flow "${k.flow}"` });
    }
  });
  return errors;
}

function nearest(target: string, ids: Set<string>): string {
  const list = [...ids];
  const close = list.find((id) => id.includes(target) || target.includes(id));
  return close ? `did you mean "${close}"?` : `steps in this flow: ${list.join(', ')}`;
}
