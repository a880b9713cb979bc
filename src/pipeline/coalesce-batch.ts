/** How a contact's quick messages are joined into one conversation turn. */
export interface CoalesceRule {
  /** Messages this close to the one before them are one turn; 0 turns joining off. */
  windowMs: number;
  /** At most this many messages in one turn, so a steady trickle cannot postpone the answer for long. */
  maxParts: number;
  /**
   * Whether a message may be joined to its neighbours: as the `first` of a turn or a `later` part.
   * Keywords (STATUS, STOP, IKUT…) stand alone; without a rule every message may be joined.
   */
  joinable?(body: string, position: 'first' | 'later'): boolean;
}

/** COALESCE_WINDOW_MS's default: split SMS arrive within a second or two of each other. */
export const DEFAULT_COALESCE_WINDOW_MS = 3_000;

/** The most messages one turn joins (with a 3-second window: at most half a minute of waiting). */
export const MAX_PARTS_PER_TURN = 10;

export interface TimedText {
  receivedAt: Date;
  body: string;
}

/**
 * Splits a contact's messages, oldest first, into conversation turns: a message received within the
 * window after the previous one belongs to its turn (phones split long texts, and people send a
 * complaint as two or three quick SMS), unless either of them must stand alone.
 */
export function splitIntoTurns<T extends TimedText>(messages: readonly T[], rule: CoalesceRule): T[][] {
  const turns: T[][] = [];
  let current: T[] = [];
  let previous: T | undefined;
  for (const message of messages) {
    const joins =
      previous !== undefined &&
      rule.windowMs > 0 &&
      current.length < rule.maxParts &&
      message.receivedAt.getTime() - previous.receivedAt.getTime() <= rule.windowMs &&
      (rule.joinable?.(current[0]?.body ?? '', 'first') ?? true) &&
      (rule.joinable?.(message.body, 'later') ?? true);
    if (!joins && current.length > 0) {
      turns.push(current);
      current = [];
    }
    current.push(message);
    previous = message;
  }
  if (current.length > 0) turns.push(current);
  return turns;
}

export interface NextTurn<T> {
  parts: T[];
  /**
   * When the turn may run: now if a later message already closed it, else once the window after its
   * newest part has passed with nothing more (epoch ms).
   */
  readyAt: number;
}

/** The turn the oldest of a contact's waiting messages belongs to; null when nothing waits. */
export function nextTurn<T extends TimedText>(pending: readonly T[], rule: CoalesceRule): NextTurn<T> | null {
  const turns = splitIntoTurns(pending, rule);
  const parts = turns[0];
  if (!parts) return null;
  const newest = parts.at(-1)?.receivedAt.getTime() ?? 0;
  const closed = turns.length > 1 || rule.windowMs <= 0;
  const alone = parts.length === 1 && !(rule.joinable?.(parts[0]?.body ?? '', 'first') ?? true);
  return { parts, readyAt: closed || alone ? Number.NEGATIVE_INFINITY : newest + rule.windowMs };
}

/** The turn's parts read as one message, in arrival order. */
export function joinParts(bodies: readonly string[]): string {
  return bodies
    .map((body) => body.trim())
    .filter((body) => body !== '')
    .join('\n');
}
