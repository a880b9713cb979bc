import type { UiLanguage } from '../auth/roles.js';
import type { Flow } from '../conversation/flows/flow-schema.js';

export interface SurveyLabels {
  title: string;
  /** The question as the citizen read it. */
  question(name: string): string;
  /** An answer value as people read it: a choice's label, yes/no, a rating as its number. */
  answer(name: string, value: string): string;
}

const YES_NO: Record<UiLanguage, Record<string, string>> = {
  id: { true: 'Ya', false: 'Tidak' },
  en: { true: 'Yes', false: 'No' },
};

/** Words for a survey's results, taken from the flow itself so a new survey needs no code. */
export function surveyLabels(flow: Flow, language: UiLanguage): SurveyLabels {
  const step = (name: string) => flow.steps.find((s) => s.type === 'ask' && s.save_as === name);
  return {
    title: flow.survey?.title[language] ?? flow.id,
    question(name) {
      const found = step(name);
      return found?.type === 'ask' ? found.prompt[language].replace(/\{\{options\}\}/g, '…') : name;
    },
    answer(name, value) {
      const found = step(name);
      if (found?.type !== 'ask') return value;
      if (found.expect.type === 'yesno') return YES_NO[language][value] ?? value;
      if (found.expect.type === 'choice')
        return found.expect.options.find((o) => o.value === value)?.label[language] ?? value;
      return value;
    },
  };
}
