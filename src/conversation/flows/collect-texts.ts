import type { Expectation, LocalizedText } from './flow-schema.js';
import type { FlowSet } from './flow-set.js';
import { KEYWORDS_FILE } from './parse-flow-files.js';

/** A user-facing text and where it lives, for the linter. */
export interface TextSite {
  file: string;
  stepId?: string;
  field: string;
  text: LocalizedText;
  /** False for texts only WhatsApp ever sends (the media prompt), which may exceed SMS limits. */
  sms: boolean;
  /** Variables this text may use besides conversation variables. */
  localVars: string[];
  /** The choice whose options `{{options}}` renders, if any. */
  choice?: Extract<Expectation, { type: 'choice' }>;
}

const SYSTEM_VARS: Record<string, string[]> = {
  status_found: ['code', 'status', 'note'],
  status_not_found: ['code'],
  notify_validated: ['code', 'note'],
  notify_in_follow_up: ['code', 'note'],
  notify_closed: ['code', 'outcome', 'note'],
  staff_message: ['code', 'text'],
  thread_reply_received: ['code'],
};

/** Every text a citizen can receive, from all flows and keywords.yaml. */
export function collectTexts(flows: FlowSet): TextSite[] {
  const sites: TextSite[] = [];
  for (const flow of Object.values(flows.flows)) {
    const file = flows.files[flow.id] ?? `${flow.id}.yaml`;
    if (flow.survey) {
      sites.push({
        file,
        field: 'survey.invitation',
        text: flow.survey.invitation,
        sms: true,
        localVars: [],
      });
    }
    for (const step of flow.steps) {
      const at = (field: string, text: LocalizedText, extra: Partial<TextSite> = {}) =>
        sites.push({ file, stepId: step.id, field, text, sms: true, localVars: [], ...extra });
      if (step.type === 'say') at('text', step.text);
      if (step.type === 'end' && step.text) at('text', step.text);
      if (step.type !== 'ask') continue;
      const expect = step.expect;
      const sms = expect.type !== 'media';
      const choice = expect.type === 'choice' ? { choice: expect, localVars: ['options'] } : {};
      at('prompt', step.prompt, { sms, ...choice });
      if (step.invalid) at('invalid', step.invalid, { sms, ...choice });
      if (expect.type === 'location') {
        at('expect.partial_prompt', expect.partial_prompt);
        at('expect.ambiguous_prompt', expect.ambiguous_prompt);
      }
      if (expect.type === 'choice') {
        expect.options.forEach((option, i) => {
          at(`expect.options.${i}.label`, option.label, { localVars: [] });
        });
      }
    }
  }
  for (const [key, text] of Object.entries(flows.keywords.messages)) {
    sites.push({
      file: KEYWORDS_FILE,
      field: `messages.${key}`,
      text,
      sms: true,
      localVars: SYSTEM_VARS[key] ?? [],
    });
  }
  for (const [key, text] of Object.entries(flows.keywords.status_labels)) {
    sites.push({ file: KEYWORDS_FILE, field: `status_labels.${key}`, text, sms: true, localVars: [] });
  }
  for (const [key, text] of Object.entries(flows.keywords.outcome_labels)) {
    sites.push({ file: KEYWORDS_FILE, field: `outcome_labels.${key}`, text, sms: true, localVars: [] });
  }
  return sites;
}
