import type { Condition, Conditions } from '../flows/flow-schema.js';
import type { VarValue } from './session.js';

/** True when every condition holds against the conversation's variables. */
export function evaluateConditions(
  conditions: Conditions,
  vars: Readonly<Record<string, VarValue>>,
): boolean {
  const list = Array.isArray(conditions) ? conditions : [conditions];
  return list.every((c) => holds(c, vars[c.var]));
}

function holds(c: Condition, value: VarValue | undefined): boolean {
  const present = value !== undefined && value !== null && value !== '';
  if (c.exists !== undefined) return present === c.exists;
  if (c.equals !== undefined) return same(value, c.equals);
  if (c.not_equals !== undefined) return !same(value, c.not_equals);
  if (c.in !== undefined) return c.in.some((v) => same(value, v));
  if (c.not_in !== undefined) return !c.not_in.some((v) => same(value, v));
  const n = typeof value === 'number' ? value : Number.NaN;
  if (c.gte !== undefined) return n >= c.gte;
  if (c.lt !== undefined) return n < c.lt;
  return false;
}

// YAML authors write `equals: 1` or `equals: "1"` interchangeably; compare as text.
function same(value: VarValue | undefined, expected: string | number | boolean): boolean {
  if (value === undefined || value === null || Array.isArray(value)) return false;
  return String(value) === String(expected);
}
