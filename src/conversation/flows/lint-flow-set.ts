import { countSegments } from '../../sms/count-segments.js';
import { collectTexts, type TextSite } from './collect-texts.js';
import type { FlowError } from './flow-error.js';
import { LANGUAGES, type Language } from './flow-schema.js';
import type { FlowSet } from './flow-set.js';
import { fallsThrough, reachableSteps } from './reachable-steps.js';
import { renderTemplate, templateVariables } from './render-template.js';
import { checkSurveys, type SurveySmsCount, surveySmsCounts } from './survey-sms-count.js';

export interface LintReport {
  errors: FlowError[];
  warnings: FlowError[];
  /** For each survey: the SMS one respondent sends and receives. */
  surveys?: SurveySmsCount[];
}

/** Variables the engine sets itself (see flows/README.md, "Variables"). */
export const ENGINE_VARIABLES = [
  'first_message',
  'first_message_kind',
  'channel',
  'language',
  'media_count',
  'category',
  'category_label',
  'category_confident',
  'classifier_category',
  'classifier_confidence',
  'classifier_evidence',
  'province',
  'regency',
  'district',
  'village',
  'province_code',
  'regency_code',
  'district_code',
  'village_code',
  'location_text',
  'location_status',
  'place',
  'candidates',
  'ref',
] as const;

// Long but realistic values, so a prompt that fits with them fits in practice.
const SAMPLES: Record<string, string> = {
  ref: 'K7QM4TXY',
  code: 'K7QM4TXY',
  province: 'Kalimantan Timur',
  regency: 'Kabupaten Kutai Kartanegara',
  district: 'Tenggarong Seberang',
  village: 'Loa Ipuh Darat',
  place: 'Suka Maju',
  candidates: 'Suka Maju, Sukamaju Baru',
  // A staff member's public note, as long as the workspace lets it be.
  note: 'Catatan: surat dikirim ke Dinas ESDM, rapat forum 12 Des.',
};
const SMS_SEGMENT_ERROR = 3;

/** Checks a loaded FlowSet for what the schema cannot see: dead steps, unknown variables, SMS cost. */
export function lintFlowSet(flows: FlowSet): LintReport {
  const errors: FlowError[] = [];
  const warnings: FlowError[] = [];
  const saved = new Set(
    Object.values(flows.flows).flatMap((f) =>
      f.steps.flatMap((s) => (s.type === 'ask' && s.save_as ? [s.save_as] : [])),
    ),
  );
  const known = new Set<string>([...ENGINE_VARIABLES, ...saved]);

  for (const flow of Object.values(flows.flows)) {
    const file = flows.files[flow.id] ?? `${flow.id}.yaml`;
    const reachable = reachableSteps(flow);
    flow.steps.forEach((step, index) => {
      if (!reachable.has(step.id)) {
        warnings.push({
          file,
          stepId: step.id,
          message: 'unreachable: no step leads here',
          hint: 'remove it or point a next/goto at it',
        });
      }
      if (fallsThrough(step) && index === flow.steps.length - 1 && step.type !== 'branch') {
        warnings.push({
          file,
          stepId: step.id,
          message: 'the conversation ends here without an end step',
          hint: 'add an end step with a closing text',
        });
      }
    });
    const started =
      flows.keywords.default_flow === flow.id ||
      flows.keywords.keywords.some((k) => k.flow === flow.id) ||
      Object.values(flows.flows).some((f) => f.steps.some((s) => s.type === 'goto' && s.flow === flow.id));
    if (!started)
      warnings.push({
        file,
        message: `flow "${flow.id}" is never started`,
        hint: 'add a start_flow keyword or a goto',
      });
  }

  for (const site of collectTexts(flows)) {
    for (const language of LANGUAGES) checkText(site, language, known, flows, errors, warnings);
    if (site.text.id === site.text.en && /\p{L}{4,}.*\s.*\p{L}{4,}/u.test(site.text.id)) {
      warnings.push({
        ...where(site),
        message: 'id and en are identical',
        hint: 'is the English translation missing?',
      });
    }
  }
  errors.push(...checkSurveys(flows));
  return { errors, warnings, surveys: surveySmsCounts(flows) };
}

function checkText(
  site: TextSite,
  language: Language,
  known: Set<string>,
  flows: FlowSet,
  errors: FlowError[],
  warnings: FlowError[],
): void {
  const template = site.text[language];
  const at = { ...where(site), field: `${site.field}.${language}` };
  for (const name of templateVariables(template)) {
    if (!known.has(name) && !site.localVars.includes(name)) {
      errors.push({
        ...at,
        message: `unknown variable {{${name}}}`,
        hint: 'use a save_as name or an engine variable listed in flows/README.md',
      });
    }
  }
  if (!site.sms) return;
  const rendered = renderTemplate(template, (name) => sample(name, language, site, flows));
  const count = countSegments(rendered);
  if (count.nonGsmChars.length > 0) {
    errors.push({
      ...at,
      message: `characters ${count.nonGsmChars.map((c) => JSON.stringify(c)).join(' ')} force UCS-2 (70 characters per SMS)`,
      hint: 'use straight quotes and plain letters; no emoji in SMS texts',
    });
  }
  const detail = `${count.segments} SMS segments (${count.units} ${count.encoding} units, sample: ${JSON.stringify(rendered)})`;
  if (count.segments > SMS_SEGMENT_ERROR)
    errors.push({ ...at, message: detail, hint: 'shorten it: every extra segment costs' });
  else if (count.segments > 1)
    warnings.push({ ...at, message: detail, hint: 'a prompt should fit one SMS (160 GSM-7 characters)' });
}

function sample(name: string, language: Language, site: TextSite, flows: FlowSet): string {
  if (name === 'options' && site.choice) {
    return site.choice.options
      .map((o, i) => (o.hidden ? '' : `${i + 1}=${o.label[language]}`))
      .filter((o) => o !== '')
      .join(' ');
  }
  if (name === 'category_label')
    return longest(Object.values(flows.categories.labels).map((l) => l[language]));
  if (name === 'status') return longest(Object.values(flows.keywords.status_labels).map((l) => l[language]));
  if (name === 'outcome')
    return longest(Object.values(flows.keywords.outcome_labels).map((l) => l[language]));
  return SAMPLES[name] ?? 'x'.repeat(20);
}

function longest(values: string[]): string {
  return values.reduce((a, b) => (b.length > a.length ? b : a), '');
}

function where(site: TextSite): FlowError {
  return { file: site.file, ...(site.stepId ? { stepId: site.stepId } : {}), field: site.field, message: '' };
}
