import type { StepOutcome, Turn } from '../engine/turn.js';
import type { Step } from '../flows/flow-schema.js';
import { enterAsk } from './ask.js';
import { executeBranch } from './branch.js';
import { executeClassify } from './classify.js';
import { executeCreateReport } from './create-report.js';
import { executeEnd } from './end.js';
import { executeGoto } from './goto.js';
import { executeLocate } from './locate.js';
import { executeSay } from './say.js';
import { executeUpdateReport } from './update-report.js';

/** Enters a step: one executor per step type. */
export function executeStep(step: Step, turn: Turn): StepOutcome {
  switch (step.type) {
    case 'say':
      return executeSay(step, turn);
    case 'ask':
      return enterAsk(step, turn);
    case 'classify':
      return executeClassify(step, turn);
    case 'locate':
      return executeLocate(step, turn);
    case 'branch':
      return executeBranch(step, turn);
    case 'goto':
      return executeGoto(step);
    case 'create_report':
      return executeCreateReport(step, turn);
    case 'update_report':
      return executeUpdateReport(step, turn);
    case 'end':
      return executeEnd(step, turn);
  }
}
