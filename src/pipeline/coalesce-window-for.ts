import type { Provider } from '../channels/channel-adapter.js';

/**
 * The coalescing window for a provider's messages. The web simulator answers each message at once:
 * someone typing there waits for every reply, and its messages are never split by a phone.
 */
export function coalesceWindowFor(provider: Provider, windowMs: number): number {
  return provider === 'simulator' ? 0 : windowMs;
}
