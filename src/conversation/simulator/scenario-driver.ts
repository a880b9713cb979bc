import type { Effect } from '../engine/effects.js';
import type { Channel, MediaRef } from '../engine/engine-types.js';
import type { Language } from '../flows/flow-schema.js';

export interface ScenarioMessage {
  text: string;
  media: MediaRef[];
  channel: Channel;
  /** Provider message id; repeated by `duplicate_last`. */
  id: string;
}

/** What the system did in answer to one citizen message. */
export interface DriverTurn {
  outbound: string[];
  effects: Effect[];
}

/**
 * How a runner reaches Suara: in memory (the pure engine) or end to end (webhook, queue, Postgres).
 * The transcript semantics live once, in the scenario runner the tests use; each driver only delivers
 * messages and moves the clock. The in-memory gateway is one, so `suara flows simulate` and the
 * scenario tests drive the same runtime.
 */
export interface ScenarioDriver {
  send(citizen: string, message: ScenarioMessage): Promise<DriverTurn>;
  /**
   * Messages sent in quick succession, each `secondsAfter` the one before, before any reply: what
   * they got in answer, together (one turn when the runtime joins them, else one per message).
   */
  sendQuick(
    citizen: string,
    parts: { message: ScenarioMessage; secondsAfter: number }[],
  ): Promise<DriverTurn>;
  advance(minutes: number): Promise<void>;
  /** A returning citizen whose language is already remembered on the contact. */
  setContactLanguage(citizen: string, language: Language): Promise<void>;
}
