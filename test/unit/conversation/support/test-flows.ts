import type { FlowSet } from '../../../../src/conversation/flows/flow-set.js';
import { loadFlows } from '../../../../src/conversation/flows/load-flows.js';
import { projectPath } from '../../../../src/project-path.js';

/** The project's real flows/ directory, as the runtime loads it. */
export async function loadProjectFlows(): Promise<FlowSet> {
  const result = await loadFlows(projectPath('flows'));
  if (!result.ok) throw new Error(`flows/ does not load: ${JSON.stringify(result.errors)}`);
  return result.flows;
}
