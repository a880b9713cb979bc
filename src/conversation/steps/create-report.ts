import type { Category } from '../../classifier/classification.js';
import type { ReportDraft } from '../engine/effects.js';
import { asCategory, type VarValue } from '../engine/session.js';
import { afterStep, type StepOutcome, setVar, type Turn } from '../engine/turn.js';
import type { StepOf } from '../flows/flow-schema.js';

/**
 * Asks the runtime to store the report under the reference code it pre-generated, and makes the
 * code available to later texts as {{ref}}. The category keeps its provenance: what the classifier
 * said (with confidence and evidence) and what the citizen chose, either of which may be missing.
 */
export function executeCreateReport(step: StepOf<'create_report'>, turn: Turn): StepOutcome {
  const { conversation, ctx } = turn;
  const vars = conversation.vars;
  const classifierCategory = asCategory(vars.classifier_category);
  const citizenChoice = asCategory(vars.citizen_category);
  const category: Category = citizenChoice ?? classifierCategory ?? 'other';
  const report: ReportDraft = {
    referenceCode: ctx.referenceCode,
    flowId: conversation.flowId,
    channel: turn.channel,
    language: turn.language,
    category,
    provenance: {
      classifier: classifierCategory
        ? {
            category: classifierCategory,
            confidence: typeof vars.classifier_confidence === 'number' ? vars.classifier_confidence : 0,
            evidence: Array.isArray(vars.classifier_evidence) ? [...vars.classifier_evidence] : [],
          }
        : null,
      citizenChoice,
    },
    texts: [...conversation.texts],
    location: {
      provinceCode: text(vars.province_code),
      regencyCode: text(vars.regency_code),
      districtCode: text(vars.district_code),
      villageCode: text(vars.village_code),
      rawText: text(vars.location_text),
    },
    media: conversation.media.map((m) => ({ ...m })),
    createdAt: ctx.now.toISOString(),
    conversationStartedAt: conversation.startedAt,
    citizenMessages: conversation.messages,
  };
  turn.effects.push({ type: 'create_report', report });
  setVar(turn, 'ref', ctx.referenceCode);
  setVar(turn, 'category', category);
  return afterStep(turn, step);
}

function text(value: VarValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
