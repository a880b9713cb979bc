import type { Language } from '../flows/flow-schema.js';
import type { FlowSet } from '../flows/flow-set.js';
import { systemText } from '../flows/system-text.js';

/**
 * What the runtime found for a `status_query` effect. It must answer `found: false` for a code that
 * belongs to another contact, exactly as for an unknown one, so STATUS cannot confirm that someone
 * else reported something.
 */
export type StatusLookup =
  | { found: false; code?: string }
  /** `note`: the latest public note the secretariat wrote for the citizen, if any. */
  | { found: true; code: string; status: string; note?: string | null };

/** The reply to STATUS <kode>, rendered from keywords.yaml (`status_found`, `status_not_found`, `status_labels`). */
export function renderStatusReply(flows: FlowSet, language: Language, result: StatusLookup): string {
  if (!result.found) return systemText(flows, language, 'status_not_found', { code: result.code ?? '' });
  const label = flows.keywords.status_labels[result.status]?.[language] ?? result.status;
  return systemText(flows, language, 'status_found', {
    code: result.code,
    status: label,
    note: result.note ?? '',
  });
}
