/**
 * Thrown by the sender when sending must stop for a while: the message rate is used up, or the provider
 * answered 429. Without `lane`, the outbound worker turns it into BullMQ's manual rate limit: the
 * provider's queue pauses for `ms` in every worker process and the turn goes back to wait. With `lane`
 * (one Android phone of several), only that turn waits `ms`, as a delayed job, while turns for the other
 * phones go on. Either way no attempt is spent, and replies already sent are recognised and not sent again.
 */
export class OutboundPause extends Error {
  constructor(
    readonly ms: number,
    readonly reason: 'rate_limit' | 'provider_429',
    readonly lane?: string,
  ) {
    super(`sending paused for ${ms} ms (${reason})`);
    this.name = 'OutboundPause';
  }
}
