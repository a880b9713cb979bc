import type { z } from 'zod';
import type { FlowError } from './flow-error.js';

/**
 * Turns a zod issue on a flow file into a FlowError: the step is named by its id (authors do not
 * count list items) and the hint says what a valid value looks like.
 */
export function zodIssueToFlowError(file: string, raw: unknown, issue: z.core.$ZodIssue): FlowError {
  const path = issue.path.map(String);
  let stepId: string | undefined;
  let fieldPath = path;
  if (path[0] === 'steps' && path[1] !== undefined) {
    const step = stepAt(raw, Number(path[1]));
    stepId = step ?? `#${Number(path[1]) + 1}`;
    fieldPath = path.slice(2);
  }
  const hint = hintFor(issue);
  return {
    file,
    ...(stepId ? { stepId } : {}),
    field: fieldPath.join('.'),
    message: messageFor(issue),
    ...(hint ? { hint } : {}),
  };
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (
    issue.code === 'invalid_type' &&
    issue.message.startsWith('Invalid input: expected') &&
    issue.input === undefined
  ) {
    return `missing required field (${issue.expected})`;
  }
  return issue.message;
}

function hintFor(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'check the spelling; flows/README.md lists the fields of every step type';
    case 'invalid_union':
      return 'each step needs a type; flows/README.md shows an example of each';
    case 'invalid_type':
      return issue.input === undefined
        ? 'add the field; see flows/README.md'
        : `expected a ${issue.expected}`;
    case 'too_small':
      return 'the list or text is shorter than allowed';
    default:
      return undefined;
  }
}

function stepAt(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('steps' in raw) || !Array.isArray(raw.steps))
    return undefined;
  const step: unknown = raw.steps[index];
  if (typeof step !== 'object' || step === null || !('id' in step)) return undefined;
  return typeof step.id === 'string' ? step.id : undefined;
}
