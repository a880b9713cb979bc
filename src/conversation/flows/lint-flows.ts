import { type LintReport, lintFlowSet } from './lint-flow-set.js';
import { loadFlows } from './load-flows.js';

/**
 * `suara flows lint`: load errors (schema, references, translations) plus lint checks (unreachable
 * steps, unknown variables, SMS segments and UCS-2 characters). `errors` non-empty means exit 1.
 */
export async function lintFlows(dir: string): Promise<LintReport> {
  const loaded = await loadFlows(dir);
  if (!loaded.ok) return { errors: loaded.errors, warnings: loaded.warnings };
  const report = lintFlowSet(loaded.flows);
  return { ...report, warnings: [...loaded.warnings, ...report.warnings] };
}
