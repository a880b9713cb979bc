import type { FlowSet } from '../conversation/flows/flow-set.js';
import { matchKeyword } from '../conversation/text/match-keyword.js';

/**
 * Which messages may join a quick neighbour into one turn. A keyword (STATUS K7QM4T, STOP, IKUT,
 * BATAL…) is a command of its own and stands alone, whenever it arrives. LAPOR-like words start a
 * report, so "LAPOR" may be followed by the complaint in the next SMS, but never continues one.
 */
export function coalesceJoinable(flows: FlowSet, body: string, position: 'first' | 'later'): boolean {
  const keyword = matchKeyword(flows.keywords, body);
  if (!keyword) return true;
  return keyword.action === 'start_flow' && position === 'first';
}
