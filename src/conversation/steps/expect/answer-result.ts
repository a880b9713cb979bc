import type { VarValue } from '../../engine/session.js';
import type { LocalizedText } from '../../flows/flow-schema.js';

/** How an expectation judged a reply. */
export type AnswerResult =
  /** Accepted: `value` goes into `save_as`; `freeText` joins the citizen's words kept for the report. */
  | { ok: true; value: VarValue; freeText?: string }
  /** Not an answer. `reprompt` replaces the step's invalid message (e.g. "which Sukamaju?"). */
  | { ok: false; reprompt?: { text: LocalizedText; vars: Record<string, string> } };
