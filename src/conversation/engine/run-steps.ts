import { executeStep } from '../steps/execute-step.js';
import { type StepOutcome, say, type Turn } from './turn.js';

// A flow that loops through non-waiting steps (goto a → b → a) would otherwise spin forever.
const MAX_STEPS_PER_MESSAGE = 100;

/**
 * Runs steps from `outcome` until one waits for the citizen or the conversation ends.
 * Returns 'ended' when the conversation is over (finished, or stopped by a flow error).
 */
export function runSteps(turn: Turn, outcome: StepOutcome): 'waiting' | 'ended' {
  let next = outcome;
  for (let hops = 0; hops < MAX_STEPS_PER_MESSAGE; hops += 1) {
    if (next.kind === 'wait') return 'waiting';
    if (next.kind === 'end' || next.kind === 'restart') return 'ended';
    if (next.kind === 'flow') {
      const flow = turn.flows.flows[next.flowId];
      if (!flow) break;
      turn.conversation.flowId = flow.id;
      next = { kind: 'goto', stepId: flow.start ?? flow.steps[0]?.id ?? '' };
      continue;
    }
    const stepId = next.stepId;
    const step = turn.flows.flows[turn.conversation.flowId]?.steps.find((s) => s.id === stepId);
    if (!step) break;
    turn.conversation.stepId = step.id;
    turn.conversation.retries = turn.resume?.stepId === step.id ? turn.resume.retries : 0;
    next = executeStep(step, turn);
  }
  // Only reachable with a flow the loader should have rejected; apologise rather than go silent.
  say(turn, turn.flows.keywords.messages.flow_error);
  return 'ended';
}
