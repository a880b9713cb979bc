/**
 * Exponential backoff with jitter: base·2^(n−1), scaled by a random factor in [0.5, 1) so that many
 * messages failing together (a provider outage) do not all retry in the same instant.
 */
export function backoffWithJitter(
  attemptsMade: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(exponential * (0.5 + random() / 2));
}
