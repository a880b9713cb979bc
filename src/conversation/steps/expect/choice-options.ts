import { evaluateConditions } from '../../engine/evaluate-conditions.js';
import type { Turn } from '../../engine/turn.js';
import type { Expectation, LocalizedText } from '../../flows/flow-schema.js';
import { renderTemplate } from '../../flows/render-template.js';

type ChoiceExpectation = Extract<Expectation, { type: 'choice' }>;

export interface VisibleOption {
  number: number;
  value: string;
  label: LocalizedText;
  synonyms: string[];
  hidden: boolean;
}

/** The options the citizen sees now, numbered 1..n after hiding and de-duplication. */
export function choiceOptions(expect: ChoiceExpectation, turn: Turn): VisibleOption[] {
  const vars = turn.conversation.vars;
  const visible: Omit<VisibleOption, 'number'>[] = [];
  for (const option of expect.options) {
    if (option.when && !evaluateConditions(option.when, vars)) continue;
    const value = renderTemplate(option.value, (name) => {
      const v = vars[name];
      return v === undefined || v === null ? undefined : String(v);
    });
    const twin = expect.dedupe ? visible.find((o) => o.value === value) : undefined;
    if (twin) {
      // "Laporan Anda: LINGKUNGAN. Benar?" answered "lingkungan" means yes.
      twin.synonyms = [...twin.synonyms, ...option.synonyms, option.label.id, option.label.en];
      continue;
    }
    visible.push({ value, label: option.label, synonyms: [...option.synonyms], hidden: option.hidden });
  }
  return visible.map((o, i) => ({ ...o, number: i + 1 }));
}

/** "1=Ya 2=Perizinan 3=Pendapatan 4=Lainnya": compact enough for one SMS. Hidden options keep their number. */
export function renderOptions(options: VisibleOption[], turn: Turn): string {
  return options
    .filter((o) => !o.hidden)
    .map((o) => `${o.number}=${o.label[turn.language]}`)
    .join(' ');
}
