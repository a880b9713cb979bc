import { compactText } from '../text/normalize-text.js';
import type { FlowError } from './flow-error.js';
import type { Flow, Step } from './flow-schema.js';
import type { FlowSet } from './flow-set.js';

/** What a survey costs one respondent who answers every question at the first try. */
export interface SurveySmsCount {
  surveyId: string;
  file: string;
  questions: number;
  /** Started by keyword: the keyword, then one SMS per question. */
  byKeyword: { sent: number; received: number };
  /** Invited by a campaign: the invitation asks the first question. */
  invited: { sent: number; received: number };
}

/** Walks each survey's main path (defaults and `next`, no retries) and counts the SMS both ways. */
export function surveySmsCounts(flows: FlowSet): SurveySmsCount[] {
  return Object.values(flows.flows).flatMap((flow) => {
    if (!flow.survey) return [];
    const { questions, texts } = walk(flow);
    return [
      {
        surveyId: flow.id,
        file: flows.files[flow.id] ?? `${flow.id}.yaml`,
        questions,
        byKeyword: { sent: questions + 1, received: questions + texts },
        invited: { sent: questions, received: questions + texts },
      },
    ];
  });
}

/** Load-level survey mistakes the engine would trip over: a start step that asks nothing, a keyword taken. */
export function checkSurveys(flows: FlowSet): FlowError[] {
  const errors: FlowError[] = [];
  for (const flow of Object.values(flows.flows)) {
    if (!flow.survey) continue;
    const file = flows.files[flow.id] ?? `${flow.id}.yaml`;
    const start = flow.steps.find((s) => s.id === (flow.start ?? flow.steps[0]?.id));
    if (start?.type !== 'ask') {
      errors.push({
        file,
        field: 'start',
        message: 'a survey must start with an ask step',
        hint: 'the invitation asks the first question, and the reply answers it',
      });
    }
    for (const word of [...flow.survey.keywords.id, ...flow.survey.keywords.en]) {
      const owner = flows.keywords.keywords.find(
        (k) =>
          k.flow !== flow.id &&
          [...k.words.id, ...k.words.en].some((w) => compactText(w) === compactText(word)),
      );
      if (owner) {
        errors.push({
          file,
          field: 'survey.keywords',
          message: `"${word}" is already a ${owner.action} keyword${owner.flow ? ` of ${owner.flow}` : ''}`,
          hint: 'every keyword must start one thing only',
        });
      }
    }
  }
  return errors;
}

function walk(flow: Flow): { questions: number; texts: number } {
  let questions = 0;
  let texts = 0;
  const seen = new Set<string>();
  let step: Step | undefined = flow.steps.find((s) => s.id === (flow.start ?? flow.steps[0]?.id));
  while (step && !seen.has(step.id)) {
    seen.add(step.id);
    let nextId: string | undefined;
    if (step.type === 'ask') {
      // WhatsApp-only media questions are passed over on SMS.
      if (step.expect.type !== 'media') questions += 1;
    } else if ((step.type === 'say' || step.type === 'end') && step.text) texts += 1;
    if (step.type === 'end') break;
    if (step.type === 'branch') nextId = step.default;
    else if (step.type === 'goto') nextId = step.step;
    else if ('next' in step) nextId = step.next;
    if (!nextId) nextId = flow.steps[flow.steps.findIndex((s) => s.id === step?.id) + 1]?.id;
    step = flow.steps.find((s) => s.id === nextId);
  }
  return { questions, texts };
}
