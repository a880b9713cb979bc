import { countSegments } from '../../sms/count-segments.js';
import type { Language } from '../flows/flow-schema.js';
import type { FlowSet } from '../flows/flow-set.js';
import { systemText } from '../flows/system-text.js';
import type { Effect } from './effects.js';
import type { ConsentState, OutboundText } from './engine-types.js';

/**
 * After a report's code, asks once whether the contact may be invited to surveys: in the same SMS as
 * the code when both fit one segment (a second SMS costs the project, and a citizen reading two texts
 * may miss one), else in an SMS of its own right after it.
 */
export function offerConsent(
  flows: FlowSet,
  language: Language,
  consent: ConsentState | undefined,
  outbound: OutboundText[],
  effects: Effect[],
): void {
  if (consent !== 'never') return;
  if (!effects.some((e) => e.type === 'create_report')) return;
  const offer = systemText(flows, language, 'consent_offer');
  if (offer === '') return;
  const last = outbound.at(-1);
  const joined = last ? `${last.text} ${offer}` : offer;
  if (last && countSegments(joined).segments === 1) last.text = joined;
  else outbound.push({ text: offer });
  effects.push({ type: 'consent_asked', wording: offer });
}
