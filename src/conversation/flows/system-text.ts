import type { Language } from './flow-schema.js';
import type { FlowSet } from './flow-set.js';
import type { SystemMessageKey } from './keywords-schema.js';
import { renderTemplate } from './render-template.js';

/** A system reply from keywords.yaml `messages`, in the citizen's language; '' for an optional one left out. */
export function systemText(
  flows: FlowSet,
  language: Language,
  key: SystemMessageKey,
  vars: Record<string, string> = {},
): string {
  const text = flows.keywords.messages[key];
  return text ? renderTemplate(text[language], (name) => vars[name]) : '';
}
