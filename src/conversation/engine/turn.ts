import type { Flow, Language, LocalizedText, Step } from '../flows/flow-schema.js';
import type { FlowSet } from '../flows/flow-set.js';
import { renderTemplate } from '../flows/render-template.js';
import type { Effect } from './effects.js';
import type { Channel, EngineContext, MediaRef, OutboundText } from './engine-types.js';
import { asCategory, type Conversation, type VarValue } from './session.js';

/** What one inbound message is working with while the steps run; discarded after the message. */
export interface Turn {
  flows: FlowSet;
  ctx: EngineContext;
  channel: Channel;
  language: Language;
  conversation: Conversation;
  outbound: OutboundText[];
  effects: Effect[];
  /**
   * Set when a reply that was no answer sent the flow elsewhere (`on_content`): if the flow comes back
   * to that step in this turn, it keeps counting the citizen's attempts instead of starting over.
   */
  resume?: { stepId: string; retries: number };
}

/** The citizen's reply to a waiting `ask` step. */
export interface Reply {
  text: string;
  media: MediaRef[];
}

/** Where a step sends the conversation next. */
export type StepOutcome =
  | { kind: 'goto'; stepId: string }
  | { kind: 'flow'; flowId: string }
  /** Stay on this step until the citizen replies. */
  | { kind: 'wait' }
  | { kind: 'end' }
  /** An optional question was not answered: end this conversation and read the message afresh. */
  | { kind: 'restart' };

export function currentFlow(turn: Turn): Flow | undefined {
  return turn.flows.flows[turn.conversation.flowId];
}

/** `next` if given, else the following step in the file, else the end of the conversation. */
export function afterStep(turn: Turn, step: Step, explicit?: string): StepOutcome {
  if (explicit) return { kind: 'goto', stepId: explicit };
  if ('next' in step && step.next) return { kind: 'goto', stepId: step.next };
  const steps = currentFlow(turn)?.steps ?? [];
  const following = steps[steps.findIndex((s) => s.id === step.id) + 1];
  return following ? { kind: 'goto', stepId: following.id } : { kind: 'end' };
}

export function setVar(turn: Turn, name: string, value: VarValue): void {
  turn.conversation.vars[name] = value;
}

/** Renders a text in the conversation's language with its variables, plus `extra` ones. */
export function render(turn: Turn, text: LocalizedText, extra: Record<string, string> = {}): string {
  return renderTemplate(text[turn.language], (name) => extra[name] ?? lookupVar(turn, name));
}

export function say(turn: Turn, text: LocalizedText, extra: Record<string, string> = {}): void {
  const rendered = render(turn, text, extra);
  if (rendered !== '') turn.outbound.push({ text: rendered });
}

function lookupVar(turn: Turn, name: string): string | undefined {
  const vars = turn.conversation.vars;
  if (name === 'category_label') {
    // The citizen's own choice, once made, is what they should read back.
    const category = asCategory(vars.citizen_category) ?? asCategory(vars.category);
    return category ? turn.flows.categories.labels[category][turn.language] : undefined;
  }
  if (name === 'language') return turn.language;
  if (name === 'channel') return turn.channel;
  const value = vars[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
