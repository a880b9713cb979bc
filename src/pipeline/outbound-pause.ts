/**
 * Thrown by the sender when a provider's sending must stop for a while: its message rate is used up, or
 * the provider answered 429. The outbound worker turns it into BullMQ's manual rate limit: the provider's
 * queue pauses for `ms` in every worker process and the turn goes back to wait, without spending an
 * attempt; replies already sent are recognised and not sent again.
 */
export class OutboundPause extends Error {
  constructor(
    readonly ms: number,
    readonly reason: 'rate_limit' | 'provider_429',
  ) {
    super(`sending paused for ${ms} ms (${reason})`);
    this.name = 'OutboundPause';
  }
}
