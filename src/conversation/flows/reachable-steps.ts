import { stepTargets } from './check-flow-references.js';
import type { Flow } from './flow-schema.js';

/** Step ids reachable from the flow's start, following explicit targets and the implicit "next in list". */
export function reachableSteps(flow: Flow): Set<string> {
  const byId = new Map(flow.steps.map((s, i) => [s.id, i]));
  const seen = new Set<string>();
  const queue = [flow.start ?? flow.steps[0]?.id ?? ''];
  while (queue.length > 0) {
    const id = queue.pop() ?? '';
    const index = byId.get(id);
    if (index === undefined || seen.has(id)) continue;
    seen.add(id);
    const step = flow.steps[index];
    if (!step) continue;
    queue.push(...stepTargets(step).map((t) => t.target));
    if (fallsThrough(step)) {
      const following = flow.steps[index + 1];
      if (following) queue.push(following.id);
    }
  }
  return seen;
}

/** True when the step continues with the following step in the list (no explicit `next`/`default`). */
export function fallsThrough(step: Flow['steps'][number]): boolean {
  switch (step.type) {
    case 'end':
    case 'goto':
      return false;
    case 'branch':
      return step.default === undefined;
    default:
      return step.next === undefined;
  }
}
