import type { Provider } from '../channels/channel-adapter.js';

export function inboundQueueName(partition: number): string {
  return `inbound-${partition}`;
}

/** One outbound queue per provider, so each provider gets its own send rate limit. */
export function outboundQueueName(provider: Provider): string {
  return `outbound-${provider}`;
}
